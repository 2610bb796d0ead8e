import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/**
 * Presentation mode: a staff console projected in a room asks for views without player names by
 * sending `X-Anonymous-View: on`. The request's answer is built as for an observer of an
 * exercise with hidden identities. Kept per request (async context), so services need no new
 * parameter.
 */
export const ANONYMOUS_VIEW_HEADER = 'x-anonymous-view';
const store = new AsyncLocalStorage<boolean>();

export function anonymousView(req: Request, _res: Response, next: NextFunction): void {
  const on = req.headers[ANONYMOUS_VIEW_HEADER] === 'on';
  // an async context costs every promise of the process something from its first use on: only a
  // request that asks for the view opens one (or one that would otherwise inherit a context)
  if (on || store.getStore() !== undefined) store.run(on, next);
  else next();
}

/** Whether this request asked for player names to be hidden (presentation mode). */
export const anonymousViewRequested = (): boolean => store.getStore() === true;
