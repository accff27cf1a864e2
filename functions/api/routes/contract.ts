import type { Context } from 'hono';
import { Hono } from 'hono';
import { signContractSchema } from '../../../shared/schemas/application.js';
import { CONTRACT_RETRY_AFTER_SECONDS, getContract, getContractText, getSignedContract, sendSigningCode, signContract, type RequestContext } from '../../core/use-cases/contract.js';
import { DomainError } from '../../../shared/errors.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { otpLimiter } from '../rate-limit.js';
import { doc } from '../openapi.js';

/** Who and from where, for the audit trail. API Gateway sets X-Forwarded-For; locally the socket says. */
function requestContext(c: Context): RequestContext {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  const socket = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
  return { ip: (forwarded || socket || 'unknown').slice(0, 64), userAgent: (c.req.header('user-agent') ?? 'unknown').slice(0, 300) };
}

/** While the workflow renders the contract the answer is 503; `Retry-After` says when to ask again. */
const retryLater = (c: Context) => (err: unknown): never => {
  if (err instanceof DomainError && err.code === 'contract-being-prepared') c.header('Retry-After', String(CONTRACT_RETRY_AFTER_SECONDS));
  throw err;
};

const pdf = (c: Context, bytes: Uint8Array, name: string) => {
  c.header('Content-Type', 'application/pdf');
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
};

export const contractRoutes = new Hono<AppEnv>()
  .get('/:id/contract', doc({ summary: 'The contract PDF once approved (503 with Retry-After while the workflow renders it)', ok: [200, 'The contract', 'application/pdf'], errors: [401, 404, 409, 503] }), async (c) => {
    const bytes = await getContract(c.get('deps'), principal(c), c.req.param('id'), requestContext(c)).catch(retryLater(c));
    return pdf(c, bytes, `contract-${c.req.param('id')}.pdf`);
  })
  .get('/:id/contract/text', doc({ summary: 'The contract as text (the model the PDF is drawn from), for reading on a small screen', ok: [200, '{ contractNo, title, subtitle, parties[], preamble, articles[], closing, signatures[], annex: { title, summary, columns, rows, totals, note } }'], errors: [401, 404, 409, 503] }), async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await getContractText(c.get('deps'), principal(c), c.req.param('id')).catch(retryLater(c)), 200);
  })
  .post('/:id/contract/otp', doc({ summary: 'Send a one-time signing code through the notifier', ok: [202, '{ status: "sent", expiresAt }'], errors: [401, 404, 409, 429, 503] }), async (c) => {
    const p = principal(c);
    otpLimiter.hit(p.sub);
    const result = await sendSigningCode(c.get('deps'), p, c.req.param('id'), requestContext(c)).catch(retryLater(c));
    return c.json({ status: 'sent', ...result }, 202);
  })
  .post('/:id/contract/sign', doc({ summary: 'Sign with a typed or drawn signature and the one-time code', body: signContractSchema, bodyName: 'SignContract', ok: [200, '{ id, status: "signed", contractNo, signedSha256 }'], errors: [401, 404, 409, 415, 422, 429] }), async (c) => {
    const p = principal(c);
    const input = await parseJson(c, signContractSchema);
    const app = await signContract(c.get('deps'), p, c.req.param('id'), input, requestContext(c));
    return c.json({ id: app.id, status: app.status, contractNo: app.contract?.contractNo, signedSha256: app.contract?.signedSha256 }, 200);
  })
  .get('/:id/contract/signed', doc({ summary: 'The sealed PDF with its audit certificate page', ok: [200, 'The sealed contract', 'application/pdf'], errors: [401, 404, 409] }), async (c) => {
    const bytes = await getSignedContract(c.get('deps'), principal(c), c.req.param('id'));
    return pdf(c, bytes, `contract-${c.req.param('id')}-sealed.pdf`);
  });
