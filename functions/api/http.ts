/**
 * The API's edges: request parsing against the shared schemas, the principal, and the one error mapping.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { z } from 'zod';
import { localizedMessage, preferredLocale } from '../../shared/error-messages.js';
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

/** The caller's language (Accept-Language: Chinese or English, English when it names neither). */
export const callerLocale = (c: Context) => preferredLocale(c.req.header('accept-language'));

/** An error body with its message in the caller's language; code, fields and details as they are. */
export function errorJson(c: Context, err: { code: string; message: string; status: number; fields?: Record<string, string>; details?: Record<string, unknown>; params?: DomainError['params'] }) {
  return errorBody(err.code, localizedMessage(err, callerLocale(c)), err.fields, err.details);
}

/** One place maps errors to HTTP. Unknown errors are logged and answered without internals. */
export function onError(err: Error, c: Context) {
  if (err instanceof DomainError) {
    return c.json(errorJson(c, err), err.status);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload-too-large' : status === 401 ? 'unauthenticated' : 'bad-request';
    return c.json(errorJson(c, { code, message: err.message || 'The request could not be processed.', status }), status);
  }
  console.error(JSON.stringify({ level: 'error', path: c.req.path, method: c.req.method, error: err.message, stack: err.stack }));
  return c.json(errorJson(c, { code: 'internal-error', message: 'Something went wrong on our side; nothing was changed. Try again shortly.', status: 500 }), 500);
}
