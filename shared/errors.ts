/**
 * Domain errors. The API maps each to one HTTP status in one place (functions/api/errors.ts);
 * every error body has the shape `{ error: { code, message, fields } }` of DESIGN.md §6.
 */
export type FieldMessages = Record<string, string>;
export type ErrorParams = Record<string, string | number | boolean | string[] | null | undefined>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    readonly fields?: FieldMessages,
    /** Extra members of the error object, e.g. attemptsLeft. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  /** Facts the message catalogue (shared/error-messages.ts) words the message from in the caller's language. */
  params?: ErrorParams;

  withParams(params: ErrorParams): this {
    this.params = { ...this.params, ...params };
    return this;
  }
}

export const invalid = (message: string, fields?: FieldMessages, code = 'validation-failed') =>
  new DomainError(code, message, 422, fields);
export const notFound = (what = 'application') =>
  new DomainError('not-found', `No ${what} with that id is visible to you.`, 404);
export const conflict = (code: string, message: string) => new DomainError(code, message, 409);
export const forbidden = (message = 'Your role may not do this.', params?: ErrorParams) =>
  new DomainError('forbidden', message, 403).withParams(params ?? {});
export const unauthenticated = (message = 'Sign in first: send Authorization: Bearer <accessToken>.') =>
  new DomainError('unauthenticated', message, 401);
