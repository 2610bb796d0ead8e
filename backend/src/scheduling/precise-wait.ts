import { setTimeout as sleep } from 'node:timers/promises';

/** Wall-clock now with sub-millisecond resolution. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

const SPIN_MS = 8;

/**
 * Sleep until the wall instant `at`: a timer for the bulk of the wait, then short yields for the
 * last few milliseconds, since timers alone fire a millisecond or more late under load.
 */
export async function waitUntil(at: number): Promise<void> {
  const remaining = at - preciseNow();
  if (remaining > SPIN_MS) await sleep(remaining - SPIN_MS);
  while (preciseNow() < at) await new Promise<void>((resolve) => setImmediate(resolve));
}
