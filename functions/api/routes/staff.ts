import { Hono } from 'hono';
import * as z from 'zod';
import { APPLICATION_STATUSES, PRODUCTS, TIERS } from '../../../shared/schemas/application.js';
import { requireStaff } from '../../core/access.js';
import { listQueue, myWork } from '../../core/use-cases/staff-review.js';
import { documentLink } from '../../core/use-cases/staff-casework.js';
import { staffDashboard } from '../../core/use-cases/staff-dashboard.js';
import { parseWith, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const queueQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { error: `status is one of ${APPLICATION_STATUSES.join(', ')}.` }).optional(),
  tier: z.enum(TIERS, { error: `tier is one of ${TIERS.join(', ')}.` }).optional(),
  product: z.enum(PRODUCTS, { error: `product is one of ${PRODUCTS.join(', ')}.` }).optional(),
  branch: z.string().regex(/^[a-z]{2,20}$/, 'branch is a branch code such as luoyang.').optional(),
  limit: z.coerce.number({ error: 'limit is a number.' }).int('limit is a whole number.').min(1, 'limit is at least 1.').max(1000, 'limit is at most 1000.').optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,2000}$/, 'cursor comes from the X-Next-Cursor header of the previous page.').optional(),
}).strict();

export const staffRoutes = new Hono<AppEnv>()
  .get('/queue', doc({
    summary: "Applications routed to the caller's branch (head office: all), oldest first; X-Next-Cursor header pages on",
    query: queueQuery, ok: [200, 'Array of queue rows'], errors: [401, 403, 422],
  }), async (c) => {
    const p = principal(c);
    requireStaff(p);
    const filter = parseWith(queueQuery, c.req.query());
    const { items, cursor } = await listQueue(c.get('deps'), p, filter);
    if (cursor) c.header('X-Next-Cursor', cursor);
    return c.json(items);
  })
  .get('/my-work', doc({
    summary: "My work: the stages I have claimed, and the in-review cases in my scope that wait, unclaimed, for my role (the same rule as claim, opinion and vote)",
    ok: [200, '{ claimed: queue rows, waiting: queue rows }'], errors: [401, 403],
  }), async (c) => {
    const p = principal(c);
    requireStaff(p);
    return c.json(await myWork(c.get('deps'), p));
  })
  .get('/applications/:id/documents/:documentId', doc({
    summary: 'Staff only: a 5-minute attachment link to a verified document of an application in the caller\'s scope (branch; head office and committee all)',
    ok: [200, '{ url, expiresInSeconds }'], errors: [401, 403, 404],
  }), async (c) => c.json(await documentLink(c.get('deps'), principal(c), c.req.param('id'), c.req.param('documentId'), { staffOnly: true })))
  .get('/dashboard', doc({ summary: 'Queue by status, time to decision, approval rate by tier, per branch', ok: [200, 'Figures'], errors: [401, 403] }), async (c) => {
    const p = principal(c);
    requireStaff(p);
    return c.json(await staffDashboard(c.get('deps'), p));
  });
