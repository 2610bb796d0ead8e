import type { components } from './api-schema.js';

/** What fills in an error's wording: a limit, an id, how long to wait. */
export type ErrorParams = components['schemas']['ErrorParams'];

/**
 * One thing wrong with a request's input (`problems` of a 400 `validation-failed`): where (`path`),
 * what (zod's issue `code` and its `params`) and the server's English sentence. From the generated
 * contract (backend/src/common/error-body.ts), not retyped here.
 */
export type FieldProblem = components['schemas']['FieldProblem'];

/**
 * An API answer that is not a success. Authentication rides on the httpOnly `ttx_session` cookie
 * the backend sets at login/join, so nothing secret lives in JavaScript.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly correlationId?: string,
    /** what the error body's `details` carry (e.g. a pack's errors, each with its own code) */
    readonly details?: unknown,
    /** what fills in the code's wording (`errors.<code>`): limits, ids, seconds to wait */
    readonly params: ErrorParams = {},
    /** a refused request's input problems, one per field */
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const isParams = (v: unknown): v is ErrorParams =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.values(v).every((x) => typeof x === 'string' || typeof x === 'number');

const isProblem = (v: unknown): v is FieldProblem =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FieldProblem).field === 'string' &&
  typeof (v as FieldProblem).code === 'string' &&
  Array.isArray((v as FieldProblem).path);

/**
 * The ApiError an error answer's body describes (any JSON, or none: a proxy's page becomes
 * `http.<status>`); `retryAfter` is the answer's Retry-After header, when the body does not say.
 */
export function apiErrorOf(status: number, statusText: string, body: unknown, retryAfter?: string | null): ApiError {
  const err = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const message = Array.isArray(err.message)
    ? err.message.join('; ')
    : typeof err.message === 'string'
      ? err.message
      : statusText;
  const params: ErrorParams = isParams(err.params) ? { ...err.params } : {};
  // older answers (and Retry-After's twin in the body) carry the wait at the top level
  if (typeof err.retryAfterSeconds === 'number') params.retryAfterSeconds ??= err.retryAfterSeconds;
  const header = retryAfter ? Number(retryAfter) : NaN;
  if (status === 429 && Number.isFinite(header) && header >= 0) params.retryAfterSeconds ??= Math.max(1, header);
  const problems = Array.isArray(err.problems)
    ? err.problems.filter(isProblem).map((p) => ({ ...p, params: isParams(p.params) ? p.params : {} }))
    : [];
  return new ApiError(
    status,
    typeof err.code === 'string' ? err.code : `http.${status}`,
    message,
    typeof err.correlationId === 'string' ? err.correlationId : undefined,
    err.details,
    params,
    problems,
  );
}
