/**
 * The borrower's side of the contract: generate and read the PDF, ask for a one-time code, sign.
 * The loan centre's review, the seal and the disbursement run as the contract workflow afterwards.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { contractModelFor, contractTerms } from '../../../shared/contract/contract-model.js';
import { DomainError, conflict, invalid } from '../../../shared/errors.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import { applyBorrowerSignature, renderContractPdf } from '../../adapters/pdf/contract-pdf.js';
import { loadOwn, loadVisible } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { sha256 } from '../sha256.js';
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

const otpHash = (appId: string, code: string) => sha256(`${appId}:${code}`);

async function ensureGenerated(deps: Deps, app: ApplicationRecord): Promise<{ app: ApplicationRecord; pdf?: Uint8Array }> {
  if (app.contract) return { app };
  const now = deps.clock.now().toISOString();
  const contractDate = now.slice(0, 10);
  const contractNo = `KD-${contractDate.replaceAll('-', '')}-${app.id.slice(0, 8).toUpperCase()}`;
  const model = contractModelFor(app, { contractNo, contractDate });
  const pdf = await renderContractPdf(model);
  const digest = sha256(pdf);
  const generatedKey = `contracts/${app.id}/generated.pdf`;
  await deps.contracts.write(generatedKey, pdf, 'application/pdf');
  const next: ApplicationRecord = {
    ...app, version: app.version + 1, updatedAt: now,
    contract: {
      contractNo, contractDate, terms: contractTerms(model), generatedKey, generatedSha256: digest,
      trail: [{ step: 'generated', at: now, actor: 'system', sha256After: digest }],
    },
  };
  if (await deps.applications.update(next, [{ type: 'contract-generated', actor: 'system', detail: { contractNo, sha256: digest } }])) {
    return { app: next, pdf };
  }
  // Generated at the same moment by another request: rendering is deterministic, so theirs is the same document.
  const current = await deps.applications.get(app.id);
  if (current?.contract) return { app: current };
  throw conflict('changed-meanwhile', 'The application changed while the contract was being prepared; try again.');
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
  const { app, pdf } = await ensureGenerated(deps, visible);
  const bytes = pdf ?? await readStored(deps, app.contract!.generatedKey);
  if (app.ownerId === p.sub && app.status === 'approved') {
    const at = deps.clock.now().toISOString();
    const c = app.contract!;
    const step = { step: 'viewed' as const, at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: c.generatedSha256, sha256After: c.generatedSha256 };
    // An audit note, not a state change: losing a race to another write only loses this one view record.
    await deps.applications.update({ ...app, version: app.version + 1, updatedAt: at, contract: { ...c, trail: [...c.trail, step] } },
      [{ type: 'contract-viewed', actor: p.username, detail: { ip: ctx.ip } }]);
  }
  return bytes;
}

export async function sendSigningCode(deps: Deps, p: Principal, id: string, ctx: RequestContext) {
  const own = await loadOwn(deps, p, id);
  if (own.status !== 'approved') {
    throw new DomainError('not-signable', own.status === 'signed' || own.status === 'active'
      ? 'This contract is already signed.' : `Contracts can be signed once the application is approved; it is ${own.status}.`, 409);
  }
  const { app } = await ensureGenerated(deps, own);
  const c = app.contract!;
  const now = deps.clock.now();
  const recent = (c.otpSends ?? []).filter((t) => now.getTime() - Date.parse(t) < OTP_WINDOW_MS);
  if (recent.length >= OTP_SENDS_PER_WINDOW) {
    throw new DomainError('rate-limited', `At most ${OTP_SENDS_PER_WINDOW} codes per ${OTP_WINDOW_MS / 60_000} minutes; use the last code you received or wait.`, 429);
  }
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + OTP_TTL_MS).toISOString();
  const step = { step: 'code-sent' as const, at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: c.generatedSha256, sha256After: c.generatedSha256 };
  const next: ApplicationRecord = {
    ...app, version: app.version + 1, updatedAt: at,
    contract: { ...c, otp: { hash: otpHash(app.id, code), expiresAt, attempts: 0, sentAt: at }, otpSends: [...recent, at], trail: [...c.trail, step] },
  };
  if (!(await deps.applications.update(next, [{ type: 'contract-code-sent', actor: p.username }]))) {
    throw conflict('changed-meanwhile', 'The application changed at the same moment; ask for the code again.');
  }
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

export async function signContract(deps: Deps, p: Principal, id: string, input: { signature: SignatureInput; otp: string }, ctx: RequestContext) {
  const app = await loadOwn(deps, p, id);
  if ((app.status === 'signed' || app.status === 'active') && app.contract?.signedKey) return app;
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
    await deps.applications.update({ ...app, version: app.version + 1, updatedAt: now.toISOString(), contract: { ...c, otp: { ...c.otp, attempts } } },
      [{ type: 'contract-code-wrong', actor: p.username, detail: { attempts } }]);
    const left = MAX_OTP_ATTEMPTS - attempts;
    throw invalid(left > 0 ? `Wrong code; ${left} attempt(s) left.` : 'Wrong code; ask for a new code.', { otp: 'Wrong code.' }, 'otp-invalid');
  }

  const signature = input.signature.type === 'drawn' ? (pngBytes(input.signature.png), input.signature) : input.signature;
  const at = now.toISOString();
  const generated = await readStored(deps, c.generatedKey);
  const signed = await applyBorrowerSignature(generated, { signature, signer: app.enterprise.name, at, ip: ctx.ip, userAgent: ctx.userAgent });
  const signedSha256 = sha256(signed);
  const signedKey = `contracts/${app.id}/signed.pdf`;
  await deps.contracts.write(signedKey, signed, 'application/pdf');
  const step = { step: 'signed' as const, at, actor: p.username, ip: ctx.ip, userAgent: ctx.userAgent, sha256Before: sha256(generated), sha256After: signedSha256 };
  const next: ApplicationRecord = {
    ...app, status: 'signed', version: app.version + 1, updatedAt: at,
    contract: { ...c, otp: undefined, signedKey, signedSha256, signedOverSha256: step.sha256Before, trail: [...c.trail, step] },
  };
  if (!(await deps.applications.update(next, [{ type: 'contract-signed', actor: p.username, detail: { sha256: signedSha256, ip: ctx.ip } }], { inflight: 'contract' }))) {
    const current = await deps.applications.get(app.id);
    if (current?.contract?.signedKey) return current;
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
