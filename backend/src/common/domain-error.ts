/**
 * A failure the user can act on. Each carries a stable string code; one exception filter maps
 * the kind to an HTTP status, so services never import HTTP concerns. The interface words the code
 * in the reader's language (`errors.<code>` in the frontend's common.json, filled in from `params`);
 * `message` is the English sentence API clients and logs read.
 */
export type DomainErrorKind =
  | 'bad-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable';

export type ErrorParams = Record<string, string | number>;

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** the values the code's wording needs (a limit, an id), strings and numbers only */
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** `<thing>.not-found`, the thing's name in kebab case (`scenario pack` → `scenario-pack.not-found`). */
export const notFound = (what: string, id: string) =>
  new DomainError('not-found', `${what.replace(/\s+/g, '-')}.not-found`, `${what} "${id}" does not exist`, undefined, {
    id,
  });
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const badInput = (code: string, message: string, details?: unknown, params?: ErrorParams) =>
  new DomainError('bad-input', code, message, details, params);
