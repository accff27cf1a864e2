import { Hono } from 'hono';
import { z } from 'zod';
import { APPLICATION_STATUSES, PRODUCTS, TIERS } from '../../../shared/schemas/application.js';
import { requireStaff } from '../../core/access.js';
import { listQueue } from '../../core/use-cases/staff-review.js';
import { staffDashboard } from '../../core/use-cases/staff-dashboard.js';
import { parseWith, principal, type AppEnv } from '../http.js';

const queueQuery = z.object({
  status: z.enum(APPLICATION_STATUSES, { error: `status is one of ${APPLICATION_STATUSES.join(', ')}.` }).optional(),
  tier: z.enum(TIERS, { error: `tier is one of ${TIERS.join(', ')}.` }).optional(),
  product: z.enum(PRODUCTS, { error: `product is one of ${PRODUCTS.join(', ')}.` }).optional(),
  branch: z.string().regex(/^[a-z]{2,20}$/, 'branch is a branch code such as luoyang.').optional(),
}).strict();

export const staffRoutes = new Hono<AppEnv>()
  .get('/queue', async (c) => {
    const p = principal(c);
    requireStaff(p);
    const filter = parseWith(queueQuery, c.req.query());
    return c.json(await listQueue(c.get('deps'), p, filter));
  })
  .get('/dashboard', async (c) => {
    const p = principal(c);
    requireStaff(p);
    return c.json(await staffDashboard(c.get('deps'), p));
  });
