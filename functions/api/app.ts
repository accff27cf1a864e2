/**
 * The Hono API, every route group mounted: what the local stack (functions/local/stack.ts) and the tests run, and
 * AppType, the route type the web client is typed from. In AWS the same groups are split over three functions behind
 * one API Gateway (functions/api/api-functions.ts): each Lambda entry mounts only its own, through the same frame.
 */
import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import { apiRoot, authenticator, frame, type AppOptions } from './frame.js';
import type { AppEnv } from './http.js';
import { openApiDocument } from './openapi.js';
import { adminApi } from './parts/admin.js';
import { caseworkApi } from './parts/casework.js';
import { memberApi } from './parts/member.js';
import { publicApi } from './parts/public.js';
import { devRoutes } from './routes/dev.js';
import { devLoanRoutes } from './routes/dev-loans.js';

export type { AppOptions } from './frame.js';

export function createApp({ deps, ping, connectSources = [], styleSources }: AppOptions) {
  // The document lists what is mounted, so it is built from the finished app on first request.
  const mounted: { routes: RouterRoute[] } = { routes: [] };
  let document: ReturnType<typeof openApiDocument> | undefined;

  // One chain, so AppType carries every route (the web client's types come from it).
  const api = apiRoot(deps)
    .route('/', publicApi(ping, () => (document ??= openApiDocument(mounted.routes))))
    // Mounted only on the local stack; the empty stand-in keeps the routes' types for the client.
    .route('/dev', deps.stage === 'local' ? devRoutes : (new Hono<AppEnv>() as unknown as typeof devRoutes))
    .route('/dev', deps.stage === 'local' ? devLoanRoutes : (new Hono<AppEnv>() as unknown as typeof devLoanRoutes))
    .use('*', authenticator(deps))
    .route('/', memberApi)
    .route('/', caseworkApi)
    .route('/', adminApi);

  const app = frame(api, { deps, connectSources, styleSources });
  mounted.routes = app.routes;
  return app;
}

export type AppType = ReturnType<typeof createApp>;
