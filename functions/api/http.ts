/**
 * The API's edges: request parsing against the shared schemas, the principal, and the one error mapping.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { DomainError, unauthenticated } from '../../shared/errors.js';
import type { Deps, Principal } from '../core/ports.js';

export type AppEnv = { Variables: { deps: Deps; principal: Principal } };

export function errorBody(code: string, message: string, fields?: Record<string, string>, details?: Record<string, unknown>) {
  return { error: { code, message, ...(fields && Object.keys(fields).length ? { fields } : {}), ...details } };
}

/** zod issues → `{ "enterprise.creditCode": "message" }`, first message per field. */
export function fieldMessages(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || '(body)';
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path.map(String), key].join('.')] ??= 'This field is not part of the request; remove it.';
      continue;
    }
    fields[path] ??= issue.message;
  }
  return fields;
}

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    throw new DomainError('unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.', 415);
  }
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new DomainError('invalid-json', 'The body is not valid JSON.', 400);
  }
  return parseWith(schema, body);
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const fields = fieldMessages(result.error);
    const first = Object.entries(fields)[0];
    throw new DomainError('validation-failed', first ? `Check ${first[0]}: ${first[1]}` : 'The request is not valid.', 422, fields);
  }
  return result.data;
}

export function principal(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw unauthenticated();
  return p;
}

/** One place maps errors to HTTP. Unknown errors are logged and answered without internals. */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    return c.json(errorBody(err.code, err.message, err.fields, err.details), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload-too-large' : status === 401 ? 'unauthenticated' : 'bad-request';
    return c.json(errorBody(code, err.message || 'The request could not be processed.'), status);
  }
  console.error(JSON.stringify({ level: 'error', path: c.req.path, method: c.req.method, error: err.message, stack: err.stack }));
  return c.json(errorBody('internal-error', 'Something went wrong on our side; nothing was changed. Try again shortly.'), 500);
}
