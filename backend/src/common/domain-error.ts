/**
 * A failure the user can act on. Each carries a stable string code; one exception filter maps
 * the kind to an HTTP status, so services never import HTTP concerns.
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

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError('not-found', `${what}.not-found`, `${what} "${id}" does not exist`);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const badInput = (code: string, message: string, details?: unknown) =>
  new DomainError('bad-input', code, message, details);
