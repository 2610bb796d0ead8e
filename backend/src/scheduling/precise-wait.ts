import { setTimeout as sleep } from 'node:timers/promises';
import { wallClock } from './wall-clock.js';

/** Wall-clock now with sub-millisecond resolution, following the system clock through steps (wall-clock.ts). */
export const preciseNow = (): number => wallClock.now();

const SPIN_MS = 8;

/**
 * Sleep until the wall instant `at`: a timer for the bulk of the wait, then short yields for the
 * last few milliseconds, since timers alone fire a millisecond or more late under load.
 */
export async function waitUntil(at: number): Promise<void> {
  // in slices of at most a second: a step of the system clock meanwhile moves the target with it
  for (let remaining = at - preciseNow(); remaining > SPIN_MS; remaining = at - preciseNow())
    await sleep(Math.min(remaining - SPIN_MS, 1000));
  while (preciseNow() < at) await new Promise<void>((resolve) => setImmediate(resolve));
}
