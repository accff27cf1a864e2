/**
 * The borrower's side of the contract: read the PDF, ask for a one-time code, sign. The PDF itself is drawn by
 * the workflows (rendered at approval, signed and sealed after signing), so this module and the API carry no PDF
 * code: they stream stored bytes and record what the borrower did.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { contractTextKey, type ContractText } from '../../../shared/contract/contract-text.js';
import { DomainError, conflict, invalid } from '../../../shared/errors.js';
import type { ApplicationRecord, ContractState } from '../../../shared/types.js';
import { loadOwn, loadVisible } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { sha256 } from '../sha256.js';
import { transition } from '../transition.js';
import { sniffMatches } from './documents.js';

export interface RequestContext {
  ip: string;
  userAgent: string;
}

export const OTP_TTL_MS = 5 * 60_000;
export const MAX_OTP_ATTEMPTS = 5;
const OTP_WINDOW_MS = 15 * 60_000;
const OTP_SENDS_PER_WINDOW = 5;
const READY = new Set(['approved', 'signed', 'active']);
/** What `Retry-After` says while the contract is being rendered. */
export const CONTRACT_RETRY_AFTER_SECONDS = 2;
/** How long a request waits for a contract run it started before answering 503. */
const PREPARE_WAIT_MS = 3_000;

const otpHash = (appId: string, code: string) => sha256(`${appId}:${code}`);

type WithContract = ApplicationRecord & { contract: ContractState };

/**
 * The contract of an approved application. The decision workflow renders it before it records an automatic
 * approval; after an approval by people, the first request starts the contract run that renders it, and waits
 * a moment for it before saying to come back.
 */
async function withContract(deps: Deps, app: ApplicationRecord): Promise<WithContract> {
  if (app.contract) return app as WithContract;
  await deps.workflow.start('contract', app.id, `${app.id}-contract-prepare-v${app.version}`);
  for (const until = Date.now() + PREPARE_WAIT_MS; Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 200));
    const current = await deps.applications.get(app.id);
    if (current?.contract) return current as WithContract;
  }
  throw new DomainError('contract-being-prepared', `The contract is being prepared; try again in ${CONTRACT_RETRY_AFTER_SECONDS} seconds.`, 503);
}

async function readStored(deps: Deps, key: string) {
  const stored = await deps.contracts.read(key, 50 * 1024 * 1024);
  if (!stored) throw new DomainError('contract-missing', 'The contract file is not available right now; try again shortly.', 503);
  return stored.bytes;
}

export async function getContract(deps: Deps, p: Principal, id: string, ctx: RequestContext): Promise<Uint8Array> {
  const visible = await loadVisible(deps, p, id);
  if (!READY.has(visible.status)) {
    throw new DomainError('contract-not-ready', `The contract is available once the application is approved; it is ${visible.status}.`, 409);
  }
  const app = await withContract(deps, visible);
  const bytes = await readStored(deps, app.contract.generatedKey);
  // The first view per person is on the record; reading the same document again adds nothing to it.
  if (app.ownerId === p.sub && app.status === 'approved' && !app.contract.trail.some((s) => s.step === 'viewed' && s.actor === p.username)) {
    const c = app.contract;
    // An audit note, not a state change: losing a race to another write only loses this one view record.
    await transition(deps, app, p, {
      patch: (at) => ({ contract: { ...c, trail: [...c.trail, { step: 'viewed', at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: c.generatedSha256, sha256After: c.generatedSha256 }] } }),
    }, [{ type: 'contract-viewed', actor: p.username, detail: { ip: ctx.ip } }]);
  }
  return bytes;
}

/**
 * The contract as text, for reading on a phone: the words the PDF was drawn with (shared/contract/contract-text.ts),
 * stored by the task that rendered the PDF from the same model, so the text can never say what the PDF does not.
 * Reading it leaves no trail step (the PDF is what is signed).
 */
export async function getContractText(deps: Deps, p: Principal, id: string): Promise<ContractText> {
  const visible = await loadVisible(deps, p, id);
  if (!READY.has(visible.status)) {
    throw new DomainError('contract-not-ready', `The contract is available once the application is approved; it is ${visible.status}.`, 409);
  }
  const app = await withContract(deps, visible);
  // A contract rendered before its text was stored beside it has none: its PDF is the only reading.
  const stored = await deps.contracts.read(contractTextKey(app.id), 5 * 1024 * 1024);
  if (!stored) throw new DomainError('contract-text-unavailable', 'The contract\'s text cannot be shown beside this PDF; read the PDF instead.', 409);
  return JSON.parse(new TextDecoder().decode(stored.bytes)) as ContractText;
}

export async function sendSigningCode(deps: Deps, p: Principal, id: string, ctx: RequestContext) {
  const own = await loadOwn(deps, p, id);
  if (own.status !== 'approved') {
    throw new DomainError('not-signable', own.status === 'signed' || own.status === 'active'
      ? 'This contract is already signed.' : `Contracts can be signed once the application is approved; it is ${own.status}.`, 409);
  }
  const app = await withContract(deps, own);
  const c = app.contract;
  const now = deps.clock.now();
  const recent = (c.otpSends ?? []).filter((t) => now.getTime() - Date.parse(t) < OTP_WINDOW_MS);
  if (recent.length >= OTP_SENDS_PER_WINDOW) {
    throw new DomainError('rate-limited', `At most ${OTP_SENDS_PER_WINDOW} codes per ${OTP_WINDOW_MS / 60_000} minutes; use the last code you received or wait.`, 429);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS).toISOString();
  const step = { step: 'code-sent' as const, at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: c.generatedSha256, sha256After: c.generatedSha256 };
  const next = await transition(deps, app, p, {
    patch: { contract: { ...c, otp: { hash: otpHash(app.id, code), expiresAt, attempts: 0, sentAt: at }, otpSends: [...recent, at], trail: [...c.trail, step] } },
  }, [{ type: 'contract-code-sent', actor: p.username }]);
  if (!next) throw conflict('changed-meanwhile', 'The application changed at the same moment; ask for the code again.');
  await deps.notifier.send(app.ownerUsername ?? p.username, {
    kind: 'contract-otp',
    subject: '合同签署验证码 / Contract signing code',
    body: `您的借款合同（${c.contractNo}）签署验证码为 ${code}，5分钟内有效，请勿告知他人。Your signing code for contract ${c.contractNo} is ${code}; it expires in 5 minutes.`,
  });
  return { expiresAt };
}

export type SignatureInput = { type: 'typed'; text: string } | { type: 'drawn'; png: string };

function pngBytes(png: string): Uint8Array {
  const b64 = png.replace(/^data:image\/png;base64,/, '');
  const bytes = /^[A-Za-z0-9+/=\s]+$/.test(b64) ? new Uint8Array(Buffer.from(b64, 'base64')) : new Uint8Array();
  if (!sniffMatches('image/png', bytes)) {
    throw invalid('The drawn signature must be a PNG image (a data URL from the signature pad).', { 'signature.png': 'Not a PNG image.' }, 'invalid-signature');
  }
  return bytes;
}

function checkedSignature(signature: SignatureInput): SignatureInput {
  if (signature.type === 'drawn') {
    pngBytes(signature.png);
    return signature;
  }
  if (!signature.text.trim()) throw invalid('Type your name to sign.', { 'signature.text': 'Type your name to sign.' });
  return signature;
}

/**
 * Checks the code and records the signature (kept beside the PDFs, since a drawn one can be large) with who,
 * when and from where; the contract workflow then draws it into the PDF, reviews, seals and pays out.
 */
export async function signContract(deps: Deps, p: Principal, id: string, input: { signature: SignatureInput; otp: string }, ctx: RequestContext) {
  const app = await loadOwn(deps, p, id);
  if ((app.status === 'signed' || app.status === 'active') && app.contract?.signedOverSha256) return app;
  if (app.status !== 'approved') throw new DomainError('not-signable', `Contracts can be signed once the application is approved; it is ${app.status}.`, 409);
  const c = app.contract;
  if (!c?.otp) throw invalid('Ask for a one-time code first (POST …/contract/otp).', { otp: 'No code has been sent yet.' }, 'otp-not-requested');
  const now = deps.clock.now();
  if (c.otp.attempts >= MAX_OTP_ATTEMPTS) {
    throw new DomainError('otp-locked', 'Too many wrong codes: ask for a new code.', 429, { otp: 'Ask for a new code.' });
  }
  if (Date.parse(c.otp.expiresAt) < now.getTime()) throw invalid('The code has expired: ask for a new one.', { otp: 'Expired.' }, 'otp-expired');
  const given = Buffer.from(otpHash(app.id, input.otp));
  if (!timingSafeEqual(given, Buffer.from(c.otp.hash))) {
    const attempts = c.otp.attempts + 1;
    await transition(deps, app, p, { patch: { contract: { ...c, otp: { ...c.otp, attempts } } } },
      [{ type: 'contract-code-wrong', actor: p.username, detail: { attempts } }]);
    const left = MAX_OTP_ATTEMPTS - attempts;
    throw new DomainError('otp-invalid', left > 0 ? `Wrong code; ${left} attempt(s) left.` : 'Wrong code; ask for a new code.', 422, { otp: 'Wrong code.' }, { attemptsLeft: left });
  }

  const signature = checkedSignature(input.signature);
  const at = now.toISOString();
  const key = `contracts/${app.id}/signature.json`;
  await deps.contracts.write(key, new TextEncoder().encode(JSON.stringify({ signature, signer: app.enterprise.name })), 'application/json');
  // sha256After follows when the workflow has drawn the signature into the document (ApplySignature).
  const step = { step: 'signed' as const, at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: c.generatedSha256 };
  const next = await transition(deps, app, p, {
    status: 'signed',
    patch: { contract: { ...c, otp: undefined, signature: { key, at, ip: ctx.ip, userAgent: ctx.userAgent }, signedOverSha256: c.generatedSha256, trail: [...c.trail, step] } },
  }, [{ type: 'contract-signed', actor: p.username, detail: { signedOver: c.generatedSha256, ip: ctx.ip } }], { inflight: 'contract' });
  if (!next) {
    const current = await deps.applications.get(app.id);
    if (current?.contract?.signedOverSha256) return current;
    throw conflict('changed-meanwhile', 'The application changed while signing; try again.');
  }
  await deps.workflow.start('contract', app.id, `${app.id}-contract`);
  return next;
}

export async function getSignedContract(deps: Deps, p: Principal, id: string): Promise<Uint8Array> {
  const app = await loadVisible(deps, p, id);
  const key = app.contract?.sealedKey;
  if (!key) {
    throw new DomainError('not-sealed-yet', app.status === 'signed'
      ? 'The bank is reviewing and sealing the signed contract; try again in a moment.'
      : 'There is no sealed contract for this application yet.', 409);
  }
  return readStored(deps, key);
}
