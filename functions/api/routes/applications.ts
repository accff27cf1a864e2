import { Hono } from 'hono';
import { DomainError } from '../../../shared/errors.js';
import {
  assignSchema, createApplicationSchema, documentRequestSchema, investigationSchema, opinionSchema, reconsiderSchema, recuseSchema, voteSchema,
} from '../../../shared/schemas/application.js';
import { isStaff, loadVisible, requireStaff } from '../../core/access.js';
import { createApplication } from '../../core/use-cases/create-application.js';
import { completeDocument, requestDocumentUpload } from '../../core/use-cases/documents.js';
import { castVote, claimApplication, giveOpinion, requestReconsideration } from '../../core/use-cases/staff-review.js';
import {
  documentLink, getInvestigation, reassign, recuse, releaseClaim, saveInvestigation,
} from '../../core/use-cases/staff-casework.js';
import { submitApplication } from '../../core/use-cases/submit-application.js';
import type { Deps } from '../../core/ports.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { uploadLimiter } from '../rate-limit.js';
import { presentApplication, presentSummary } from '../present.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

async function full(deps: Deps, app: ApplicationRecord, forStaff: boolean) {
  const [docs, events] = await Promise.all([deps.documentRecords.listDocuments(app.id), deps.applications.events(app.id)]);
  return presentApplication(app, docs, events, forStaff);
}

export const applicationRoutes = new Hono<AppEnv>()
  .post('/', async (c) => {
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new DomainError('invalid-idempotency-key', 'Idempotency-Key must be 8–128 characters of letters, digits, and _ . : -', 400, { 'Idempotency-Key': 'Use a UUID.' });
    }
    const input = await parseJson(c, createApplicationSchema);
    const deps = c.get('deps');
    const { app, replayed } = await createApplication(deps, principal(c), input, key);
    if (replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(await full(deps, app, false), 201);
  })
  .get('/', async (c) => {
    const p = principal(c);
    const apps = await c.get('deps').applications.listByOwner(p.sub);
    return c.json(apps.map(presentSummary));
  })
  .get('/:id', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    const app = await loadVisible(deps, p, c.req.param('id'));
    return c.json(await full(deps, app, isStaff(p) && app.ownerId !== p.sub));
  })
  .post('/:id/documents', async (c) => {
    const p = principal(c);
    uploadLimiter.hit(p.sub);
    const req = await parseJson(c, documentRequestSchema);
    const result = await requestDocumentUpload(c.get('deps'), p, c.req.param('id'), req);
    return c.json(result, 201);
  })
  .post('/:id/documents/:documentId/complete', async (c) => {
    const result = await completeDocument(c.get('deps'), principal(c), c.req.param('id'), c.req.param('documentId'));
    return c.json(result, 200);
  })
  .post('/:id/submit', async (c) => {
    const deps = c.get('deps');
    const app = await submitApplication(deps, principal(c), c.req.param('id'));
    return c.json(await full(deps, app, false), 202);
  })
  .post('/:id/claim', async (c) => {
    const deps = c.get('deps');
    const app = await claimApplication(deps, principal(c), c.req.param('id'));
    return c.json(await full(deps, app, true), 200);
  })
  .post('/:id/opinions', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await giveOpinion(deps, p, c.req.param('id'), await parseJson(c, opinionSchema));
    return c.json(await full(deps, app, true), 200);
  })
  .post('/:id/reconsider', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await requestReconsideration(deps, p, c.req.param('id'), await parseJson(c, reconsiderSchema));
    return c.json(await full(deps, app, true), 200);
  })
  .get('/:id/investigation', async (c) => c.json(await getInvestigation(c.get('deps'), principal(c), c.req.param('id'))))
  .put('/:id/investigation', async (c) => {
    const p = principal(c);
    requireStaff(p);
    return c.json(await saveInvestigation(c.get('deps'), p, c.req.param('id'), await parseJson(c, investigationSchema)));
  })
  .post('/:id/release', async (c) => {
    const deps = c.get('deps');
    return c.json(await full(deps, await releaseClaim(deps, principal(c), c.req.param('id')), true));
  })
  .post('/:id/assign', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    return c.json(await full(deps, await reassign(deps, p, c.req.param('id'), await parseJson(c, assignSchema)), true));
  })
  .post('/:id/recuse', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    return c.json(await full(deps, await recuse(deps, p, c.req.param('id'), await parseJson(c, recuseSchema)), true));
  })
  .get('/:id/documents/:documentId/download', async (c) =>
    c.json(await documentLink(c.get('deps'), principal(c), c.req.param('id'), c.req.param('documentId'))))
  .post('/:id/votes', async (c) => {
    const deps = c.get('deps');
    const p = principal(c);
    requireStaff(p);
    const app = await castVote(deps, p, c.req.param('id'), await parseJson(c, voteSchema));
    return c.json(await full(deps, app, true), 200);
  });
