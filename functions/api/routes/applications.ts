import { Hono, type Context } from 'hono';
import { DomainError } from '../../../shared/errors.js';
import {
  assignSchema, createApplicationSchema, documentRequestSchema, investigationSchema, opinionSchema, reconsiderSchema, recuseSchema,
  updateApplicationSchema, voteSchema, withdrawSchema,
} from '../../../shared/schemas/application.js';
import { isStaff, loadVisible, requireStaff } from '../../core/access.js';
import { createApplication } from '../../core/use-cases/create-application.js';
import { updateApplication, withdrawApplication } from '../../core/use-cases/edit-application.js';
import { completeDocument, requestDocumentUpload } from '../../core/use-cases/documents.js';
import { castVote, claimApplication, giveOpinion, requestReconsideration } from '../../core/use-cases/staff-review.js';
import {
  documentLink, getInvestigation, reassign, recuse, releaseClaim, saveInvestigation,
} from '../../core/use-cases/staff-casework.js';
import { submitApplication } from '../../core/use-cases/submit-application.js';
import type { Deps, Principal } from '../../core/ports.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import { callerLocale, parseJson, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';
import { uploadLimiter } from '../rate-limit.js';
import { presentApplication, presentSummary } from '../present.js';
import { presentStaffControls } from '../present-staff.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** Staff views carry what the caller may do now (`can`) and the committee's count; pass the caller for them. */
async function full(c: Context, deps: Deps, app: ApplicationRecord, forStaff: boolean, staff?: Principal) {
  const [docs, events] = await Promise.all([deps.documentRecords.listDocuments(app.id), deps.applications.events(app.id)]);
  return { ...presentApplication(app, docs, events, forStaff, callerLocale(c)), ...(forStaff && staff ? presentStaffControls(app, staff) : {}) };
}

export const applicationRoutes = new Hono<AppEnv>()
  .post('/', doc({
    summary: 'Create a draft application', body: createApplicationSchema, bodyName: 'CreateApplication', ok: [201, 'The application'], errors: [400, 401, 403, 409, 413, 415, 422],
    headers: { 'Idempotency-Key': 'A key per form session (8–128 of letters, digits, _ . : -); a retry with the same key answers the same application.' },
  }), async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('invalid-idempotency-key', 'Idempotency-Key must be 8–128 characters of letters, digits, and _ . : -', 400, { 'Idempotency-Key': 'Use a UUID.' });
    }
    const input = await parseJson(c, createApplicationSchema);
    const deps = c.get('deps');
    const { app, replayed } = await createApplication(deps, principal(c), input, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(await full(c, deps, app, false), 201);
  })
  .get('/', doc({ summary: "The caller's own applications", ok: [200, 'Array of application summaries'], errors: [401] }), async (c) => {
    const p = principal(c);
    const apps = await c.get('deps').applications.listByOwner(p.sub);
    return c.json(apps.map(presentSummary));
  })
  .get('/:id', doc({ summary: 'One application with decision, offer, documents, contract progress and events', ok: [200, 'The application'], errors: [401, 404] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    const app = await loadVisible(deps, p, c.req.param('id'));
    const forStaff = isStaff(p) && app.ownerId !== p.sub;
    return c.json(await full(c, deps, app, forStaff, p));
  })
  .patch('/:id', doc({
    summary: 'Applicant: save the whole form over a draft, or correct a returned application and answer the bank (reply)',
    body: updateApplicationSchema, bodyName: 'UpdateApplication', ok: [200, 'The application'], errors: [400, 401, 403, 404, 409, 413, 415, 422],
  }), async (c) => {
    const deps = c.get('deps');
    const app = await updateApplication(deps, principal(c), c.req.param('id'), await parseJson(c, updateApplicationSchema));
    return c.json(await full(c, deps, app, false), 200);
  })
  .post('/:id/withdraw', doc({ summary: 'Applicant: withdraw a draft or a returned application (status withdrawn, final)', body: withdrawSchema, bodyName: 'Withdraw', ok: [200, 'The application'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const body = c.req.header('content-length') === '0' || !c.req.header('content-type') ? {} : await parseJson(c, withdrawSchema);
    const app = await withdrawApplication(deps, principal(c), c.req.param('id'), body.reason);
    return c.json(await full(c, deps, app, false), 200);
  })
  .post('/:id/documents', doc({ summary: 'An upload slot (presigned PUT)', body: documentRequestSchema, bodyName: 'DocumentRequest', ok: [201, '{ documentId, upload }'], errors: [401, 404, 415, 422, 429] }), async (c) => {
    const p = principal(c);
    uploadLimiter.hit(p.sub);
    const req = await parseJson(c, documentRequestSchema);
    const result = await requestDocumentUpload(c.get('deps'), p, c.req.param('id'), req);
    return c.json(result, 201);
  })
  .post('/:id/documents/:documentId/complete', doc({ summary: 'Verify the uploaded bytes', ok: [200, '{ status: "verified" }'], errors: [401, 404, 409, 422] }), async (c) => {
    const result = await completeDocument(c.get('deps'), principal(c), c.req.param('id'), c.req.param('documentId'));
    return c.json(result, 200);
  })
  .post('/:id/submit', doc({ summary: 'Submit for a decision', ok: [202, 'The application'], errors: [401, 404, 409, 422] }), async (c) => {
    const deps = c.get('deps');
    const app = await submitApplication(deps, principal(c), c.req.param('id'));
    return c.json(await full(c, deps, app, false), 202);
  })
  .post('/:id/claim', doc({ summary: 'Staff: claim the current review stage, for a role that acts at it (exactly one claimant wins; 403 for a role that cannot act there)', ok: [200, 'The application'], errors: [401, 403, 404, 409] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    const app = await claimApplication(deps, p, c.req.param('id'));
    return c.json(await full(c, deps, app, true, p), 200);
  })
  .post('/:id/opinions', doc({ summary: 'Staff: approve, reject or return at the current review stage; the comment is required (422 names it)', body: opinionSchema, bodyName: 'Opinion', ok: [200, 'The application'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await giveOpinion(deps, p, c.req.param('id'), await parseJson(c, opinionSchema));
    return c.json(await full(c, deps, app, true, p), 200);
  })
  .post('/:id/reconsider', doc({ summary: 'Account manager: send an automatic rejection to the credit committee', body: reconsiderSchema, bodyName: 'Reconsider', ok: [200, 'The application'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await requestReconsideration(deps, p, c.req.param('id'), await parseJson(c, reconsiderSchema));
    return c.json(await full(c, deps, app, true, p), 200);
  })
  .get('/:id/investigation', doc({ summary: 'Staff: the pre-loan investigation report, pre-filled', ok: [200, '{ facts, drafts, sections, missing }'], errors: [401, 403, 404] }), async (c) => c.json(await getInvestigation(c.get('deps'), principal(c), c.req.param('id'))))
  .put('/:id/investigation', doc({ summary: 'Account manager: write report sections', body: investigationSchema, bodyName: 'Investigation', ok: [200, 'The report'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const p = principal(c);
    requireStaff(p);
    return c.json(await saveInvestigation(c.get('deps'), p, c.req.param('id'), await parseJson(c, investigationSchema)));
  })
  .post('/:id/release', doc({ summary: 'Claimant or approver: release a claim', ok: [200, 'The application'], errors: [401, 403, 404, 409] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    return c.json(await full(c, deps, await releaseClaim(deps, p, c.req.param('id')), true, p));
  })
  .post('/:id/assign', doc({ summary: 'Approver or head office: reassign within the branch', body: assignSchema, bodyName: 'Assign', ok: [200, 'The application'], errors: [401, 403, 404, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    return c.json(await full(c, deps, await reassign(deps, p, c.req.param('id'), await parseJson(c, assignSchema)), true, p));
  })
  .post('/:id/recuse', doc({ summary: 'Committee member: declare a conflict of interest', body: recuseSchema, bodyName: 'Recuse', ok: [200, 'The application'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    return c.json(await full(c, deps, await recuse(deps, p, c.req.param('id'), await parseJson(c, recuseSchema)), true, p));
  })
  .get('/:id/documents/:documentId/download', doc({ summary: 'A 5-minute attachment link to a verified document', ok: [200, '{ url, expiresInSeconds }'], errors: [401, 404] }), async (c) =>
    c.json(await documentLink(c.get('deps'), principal(c), c.req.param('id'), c.req.param('documentId'))))
  .post('/:id/votes', doc({ summary: 'Credit committee vote (≥3 members, simple majority)', body: voteSchema, bodyName: 'Vote', ok: [200, 'The application'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await castVote(deps, p, c.req.param('id'), await parseJson(c, voteSchema));
    return c.json(await full(c, deps, app, true, p), 200);
  });
