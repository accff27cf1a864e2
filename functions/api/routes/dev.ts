import { Hono } from 'hono';
import { DomainError } from '../../../shared/errors.js';
import type { AppEnv } from '../http.js';
import { doc } from '../openapi.js';

/** Local stack only (app.ts mounts it there): what the notifier would have sent. */
export const devRoutes = new Hono<AppEnv>()
  .get('/outbox', doc({ summary: 'Local stack only: messages the notifier would have sent, newest first', public: true, ok: [200, 'Newest first'], errors: [400] }), async (c) => {
    const to = c.req.query('to');
    if (!to) throw new DomainError('validation-failed', 'Give the recipient: /api/dev/outbox?to=<username>.', 400, { to: 'Required.' });
    return c.json(await c.get('deps').notifier.outbox!(to));
  });
