/**
 * The Hono API: one sub-app per resource, mounted here. The same app runs behind API Gateway (lambda.ts)
 * and in the local stack (functions/local/stack.ts).
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { RouterRoute } from 'hono/types';
import { unauthenticated } from '../../shared/errors.js';
import { STAFF_GROUPS } from '../core/access.js';
import type { Deps, Principal } from '../core/ports.js';
import { errorBody, onError, type AppEnv } from './http.js';
import { doc, openApiDocument } from './openapi.js';
import { adminRoutes } from './routes/admin.js';
import { applicationRoutes } from './routes/applications.js';
import { authRoutes, meRoutes } from './routes/auth.js';
import { contractRoutes } from './routes/contract.js';
import { devRoutes } from './routes/dev.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { devLoanRoutes } from './routes/dev-loans.js';
import { loanRoutes, staffLoanRoutes } from './routes/loans.js';
import { productRoutes, serviceAreaRoutes } from './routes/products.js';
import { invitationRoutes, leadRoutes } from './routes/leads.js';
import { staffRoutes } from './routes/staff.js';
import { targetListRoutes } from './routes/target-lists.js';

export interface AppOptions {
  deps: Deps;
  /** Every dependency answers. */
  ping: () => Promise<void>;
  /** Extra origins the browser may send to (the local S3 emulator for uploads). */
  connectSources?: string[];
}

const MAX_BODY_BYTES = 1024 * 1024;
const STAFF_CACHE_MS = 60_000;

export function createApp({ deps, ping, connectSources = [] }: AppOptions) {
  const staffCache = new Map<string, { at: number; branch?: string }>();

  async function authenticate(header: string | undefined): Promise<Principal> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthenticated();
    const claims = await deps.auth.verifyAccessToken(token);
    let branch: string | undefined;
    if (claims.groups.some((g) => (STAFF_GROUPS as readonly string[]).includes(g))) {
      const cached = staffCache.get(claims.username);
      if (cached && Date.now() - cached.at < STAFF_CACHE_MS) branch = cached.branch;
      else {
        branch = (await deps.staff.getStaff(claims.username))?.branch ?? undefined;
        staffCache.set(claims.username, { at: Date.now(), branch });
      }
    }
    return { ...claims, branch };
  }

  // The document lists what is mounted, so it is built from the finished app on first request.
  const mounted: { routes: RouterRoute[] } = { routes: [] };
  let document: ReturnType<typeof openApiDocument> | undefined;

  // One chain, so AppType carries every route (the web client's types come from it).
  const api = new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('deps', deps);
      await next();
    })
    .use('*', bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorBody('payload-too-large', `Request bodies are at most ${MAX_BODY_BYTES / 1024} KiB; upload files through the document upload URL.`), 413),
    }))
    .get('/health', doc({ summary: 'Every dependency answers', public: true, ok: [200, '{ status: "ok" }'], errors: [503] }), async (c) => {
      try {
        await ping();
        return c.json({ status: 'ok' });
      } catch (err) {
        return c.json({ status: 'unavailable', error: { code: 'dependency-unavailable', message: (err as Error).message } }, 503);
      }
    })
    .get('/openapi.json', doc({ summary: 'This document', public: true, ok: [200, 'OpenAPI 3.1'] }), (c) => c.json(document ??= openApiDocument(mounted.routes)))
    .route('/auth', authRoutes)
    // Mounted only on the local stack; the empty stand-in keeps the routes' types for the client.
    .route('/dev', deps.stage === 'local' ? devRoutes : (new Hono<AppEnv>() as unknown as typeof devRoutes))
    .route('/dev', deps.stage === 'local' ? devLoanRoutes : (new Hono<AppEnv>() as unknown as typeof devLoanRoutes))
    .use('*', async (c, next) => {
      c.set('principal', await authenticate(c.req.header('authorization')));
      await next();
    })
    .route('/me', meRoutes)
    .route('/applications', applicationRoutes)
    .route('/applications', contractRoutes)
    .route('/enterprises', enterpriseRoutes)
    .route('/staff', staffRoutes)
    .route('/admin', adminRoutes)
    .route('/loans', loanRoutes)
    .route('/staff', staffLoanRoutes)
    .route('/staff/leads', leadRoutes)
    .route('/admin/target-lists', targetListRoutes)
    .route('/invitations', invitationRoutes)
    .route('/products', productRoutes)
    .route('/service-area', serviceAreaRoutes);

  api.notFound((c) => c.json(errorBody('not-found', `No API route ${c.req.method} ${c.req.path}.`), 404));
  api.onError(onError);

  const app = new Hono()
    .use('*', secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", ...connectSources],
        frameSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
      },
      strictTransportSecurity: deps.stage === 'local' ? false : 'max-age=63072000; includeSubDomains',
      crossOriginEmbedderPolicy: false,
    }))
    .use('*', async (c, next) => {
      await next();
      // A refusal sent before the body was read (413, 415, 401…) leaves the client's bytes on the socket, and the
      // server drops that connection while draining; saying so stops keep-alive clients reusing a dying socket.
      const unread = !c.req.raw.bodyUsed && (c.req.header('transfer-encoding') || (c.req.header('content-length') ?? '0') !== '0');
      if (c.res.status === 413 || (c.res.status >= 400 && unread)) c.header('Connection', 'close');
    })
    .route('/api', api);
  app.onError(onError);
  mounted.routes = app.routes;
  return app;
}

export type AppType = ReturnType<typeof createApp>;
