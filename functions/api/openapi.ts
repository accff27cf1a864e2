/**
 * The OpenAPI document, generated from the routes actually mounted and the zod schemas they parse with
 * (zod 4's own JSON Schema output: @hono/zod-openapi's generator added ~380 KiB to the API Lambda, whose goal is 300).
 *
 * Each route carries its description as its first middleware (`doc(...)`), holding the same zod schemas the
 * handler parses with; the body and query schemas also type the route's input for the typed client. Response
 * types are not declared here: Hono infers them from what the handlers return (present.ts), so they are written
 * once. (`OpenAPIHono.openapi()` would take the client's response types from declared response schemas instead,
 * i.e. every response shape written a second time, and would validate before the handler, changing the order of
 * 403/429/400 checks that §6 callers see.)
 */
import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import { COMPOSED_HANDLER } from 'hono/utils/constants';
import * as z from 'zod';
import { APPLICATION_STATUSES } from '../../shared/schemas/application.js';

export interface RouteDoc<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined> {
  summary: string;
  /** Answered without a bearer token. */
  public?: true;
  /** The success answer: status, what it holds, and its media type when not JSON. */
  ok: [status: number, description: string, mediaType?: string];
  /** Error statuses; each answers the `{ error: { code, message, fields? } }` shape. */
  errors?: number[];
  /** JSON body, parsed by the handler with this same schema, and the name it has under components.schemas. */
  body?: B;
  bodyName?: string;
  /** Query string, parsed by the handler with this same schema. */
  query?: Q;
  /** Optional request headers: name → what it is for. */
  headers?: Record<string, string>;
}

type In<B, Q> = (B extends z.ZodType ? { json: z.input<B> } : {}) & (Q extends z.ZodType ? { query: z.input<Q> } : {});
type Out<B, Q> = (B extends z.ZodType ? { json: z.output<B> } : {}) & (Q extends z.ZodType ? { query: z.output<Q> } : {});

const DOC = Symbol.for('kedai.route-doc');
type Documented = MiddlewareHandler & { [DOC]?: RouteDoc<z.ZodType | undefined, z.ZodObject | undefined> };

/** A route's OpenAPI description, mounted as its first (pass-through) middleware. */
export function doc<B extends z.ZodType | undefined = undefined, Q extends z.ZodObject | undefined = undefined, P extends string = string>(
  d: RouteDoc<B, Q>,
): MiddlewareHandler<any, P, { in: In<B, Q>; out: Out<B, Q> }> {
  const mw: Documented = async (_c, next) => { await next(); };
  mw[DOC] = d as RouteDoc<z.ZodType | undefined, z.ZodObject | undefined>;
  return mw;
}

/** The description a mounted handler carries, looking through the wrappers `app.route()` adds. */
export function routeDoc(handler: unknown) {
  let h = handler as (Documented & { [COMPOSED_HANDLER]?: unknown }) | undefined;
  while (h && !h[DOC] && h[COMPOSED_HANDLER]) h = h[COMPOSED_HANDLER] as typeof h;
  return h?.[DOC];
}

/** Every method + path the app answers (middleware mounted for all methods left out); `:id` written `{id}`. */
export function mountedOperations(routes: RouterRoute[]) {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    const path = r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    seen.set(`${r.method} ${path}`, { method: r.method.toLowerCase(), path });
  }
  return [...seen.values()];
}

const errorSchema = {
  type: 'object', required: ['error'],
  properties: {
    error: {
      type: 'object', required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } },
    },
  },
};

/** A zod schema as the JSON Schema OpenAPI 3.1 embeds (draft 2020-12): what a client sends. */
const jsonSchema = (s: z.ZodType) => {
  const { $schema: _, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

export function openApiDocument(routes: RouterRoute[]) {
  const schemas: Record<string, unknown> = { Error: errorSchema };
  const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  const paths: Record<string, Record<string, unknown>> = {};

  const docs = new Map<string, RouteDoc<z.ZodType | undefined, z.ZodObject | undefined>>();
  for (const r of routes) {
    const d = r.method !== 'ALL' && routeDoc(r.handler);
    if (d) docs.set(`${r.method} ${r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`, d);
  }
  for (const { method, path } of mountedOperations(routes)) {
    const d = docs.get(`${method.toUpperCase()} ${path}`);
    if (!d) continue;
    const [status, description, mediaType] = d.ok;
    let body: unknown;
    if (d.body && d.bodyName) {
      schemas[d.bodyName] ??= jsonSchema(d.body);
      body = { $ref: `#/components/schemas/${d.bodyName}` };
    } else if (d.body) body = jsonSchema(d.body);
    const query = d.query ? Object.entries(d.query.shape).map(([name, s]) => ({
      name, in: 'query', required: !(s as z.ZodType).safeParse(undefined).success, schema: jsonSchema(s as z.ZodType),
    })) : [];
    const parameters = [
      ...[...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...query,
      ...Object.entries(d.headers ?? {}).map(([name, what]) => ({ name, in: 'header', required: false, description: what, schema: { type: 'string' } })),
    ];
    (paths[path] ??= {})[method] = {
      summary: d.summary,
      ...(d.public ? {} : { security: [{ bearer: [] }] }),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
      responses: {
        [status]: { description, ...(mediaType ? { content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } } : {}) },
        ...Object.fromEntries((d.errors ?? []).map((s) => [s, error])),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kedai (科贷) lending portal API', version: '1.1.0',
      description: `Amounts in integer fen, rates in basis points, dates ISO 8601. Application statuses: ${APPLICATION_STATUSES.join(', ')}.`,
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } }, schemas },
    paths,
  };
}
