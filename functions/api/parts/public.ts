/** The routes anyone may call, on the API function: the health check, the API's description, the account routes. */
import { Hono } from 'hono';
import type { AppEnv } from '../http.js';
import { doc } from '../openapi.js';
import { authRoutes } from '../routes/auth.js';

/**
 * The routes anyone may call: the health check, this API's description and the account routes. `document` gives
 * the OpenAPI document: built from the whole app where it runs (app.ts), read from the file shipped beside the
 * bundle in Lambda (the API function carries only its own routes, the document describes all of them).
 */
export function publicApi(ping: () => Promise<void>, document: () => unknown) {
  return new Hono<AppEnv>()
    .get('/health', doc({ summary: 'Every dependency answers', public: true, ok: [200, '{ status: "ok" }'], errors: [503] }), async (c) => {
      try {
        await ping();
        return c.json({ status: 'ok' });
      } catch (err) {
        return c.json({ status: 'unavailable', error: { code: 'dependency-unavailable', message: (err as Error).message } }, 503);
      }
    })
    .get('/openapi.json', doc({ summary: 'This document', public: true, ok: [200, 'OpenAPI 3.1'] }), (c) => c.json(document() as Record<string, unknown>))
    .route('/auth', authRoutes);
}
