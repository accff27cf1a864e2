/** Applicant-readable parts of the configuration in force: the products' bounds and the service area. */
import { Hono } from 'hono';
import * as z from 'zod';
import { productsInForce, serviceAreaCheck } from '../../core/use-cases/products-in-force.js';
import { parseWith, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const serviceAreaQuery = z.object({
  creditCode: z.string().regex(/^[0-9A-Z]{18}$/, 'creditCode is the 18-character unified social credit code.').optional(),
  division: z.string().regex(/^\d{6}$/, 'A division code is 6 digits (GB/T 2260), e.g. 410100.').optional(),
}).strict().refine((q) => q.creditCode || q.division, { message: 'Give a creditCode or a division.', path: ['division'] });

export const productRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: 'The products in force: amount and term bounds, eligible labels, repayment methods, required documents', ok: [200, '{ version, effectiveFrom, products[] }'], errors: [401] }), async (c) =>
    c.json(await productsInForce(c.get('deps'))));

export const serviceAreaRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: 'Whether an enterprise registered at a division (or by its credit code) is inside the service area, and its branch', query: serviceAreaQuery, ok: [200, '{ division, inArea, branch? , code?, message? }'], errors: [401, 422] }), async (c) =>
    c.json(await serviceAreaCheck(c.get('deps'), parseWith(serviceAreaQuery, c.req.query()))));
