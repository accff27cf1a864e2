/**
 * What every API function shares: the deps and body-limit middleware, sign-in checking, and the
 * outer app (security headers, `/api`, the error shape). app.ts composes all route groups into the one app whose
 * type is AppType (local stack, tests, the web client's types); each Lambda entry composes only the groups API
 * Gateway sends it (functions/api/api-functions.ts), so no function carries every route's code.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Schema } from 'hono/types';
import { unauthenticated } from '../../shared/errors.js';
import { STAFF_GROUPS } from '../core/access.js';
import { authenticateAccessToken } from '../core/use-cases/accounts.js';
import type { Deps, Principal } from '../core/ports.js';
import { errorJson, onError, type AppEnv } from './http.js';

export interface AppOptions {
  deps: Deps;
  /** Every dependency answers. */
  ping: () => Promise<void>;
  /** Extra origins the browser may send to (the local S3 emulator for uploads). */
  connectSources?: string[];
  /** Inline stylesheets the pages served beside the API carry (their hashes), asked for on every response. */
  styleSources?: () => string[];
}

const MAX_BODY_BYTES = 1024 * 1024;
const STAFF_CACHE_MS = 60_000;

/** The `/api` sub-app before any route: the deps for handlers, and the body limit. */
export function apiRoot(deps: Deps) {
  return new Hono<AppEnv>()
    .use('*', async (c, next) => {
      c.set('deps', deps);
      await next();
    })
    .use('*', bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => c.json(errorJson(c, { code: 'payload-too-large', message: `Request bodies are at most ${MAX_BODY_BYTES / 1024} KiB; upload files through the document upload URL.`, status: 413 }), 413),
    }));
}

/** Sets the principal from the bearer token (API Gateway checked it too); staff get their branch, cached a minute. */
export function authenticator(deps: Deps): MiddlewareHandler<AppEnv> {
  const staffCache = new Map<string, { at: number; branch?: string }>();
  async function authenticate(header: string | undefined): Promise<Principal> {
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw unauthenticated();
    // Checks the session was not signed out too, not only the token's signature.
    const claims = await authenticateAccessToken(deps, token);
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
  return async (c, next) => {
    c.set('principal', await authenticate(c.req.header('authorization')));
    await next();
  };
}

/** The outer app around a finished `/api` sub-app: security headers, connection handling, 404 and errors in §6's shape. */
export function frame<S extends Schema, B extends string>(api: Hono<AppEnv, S, B>, { deps, connectSources = [], styleSources }: Pick<AppOptions, 'deps' | 'connectSources' | 'styleSources'>) {
  api.notFound((c) => c.json(errorJson(c, { code: 'not-found', message: `No API route ${c.req.method} ${c.req.path}.`, status: 404 }), 404));
  api.onError(onError);
  const app = new Hono()
    .use('*', secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", ...(styleSources ? [() => styleSources().join(' ')] : [])],
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
  return app;
}

