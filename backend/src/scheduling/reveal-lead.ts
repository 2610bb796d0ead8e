/** The least time before its instant a delivery is made final: the design's window on a quiet machine. */
export const MIN_REVEAL_AHEAD_MS = 15;
/**
 * The most: a clock change accepted this close to an inject's instant takes effect at that instant
 * (the inject is already final), so the window stays short whatever the load.
 */
export const MAX_REVEAL_AHEAD_MS = 50;
const SAMPLES = 64;
const MARGIN_MS = 3;

/**
 * How long before an inject's instant its delivery is made final. The last step (waking, the check
 * for earlier injects, the reveal transaction) must be done by the instant, or the broadcast starts
 * late by what it overran. On a quiet machine it takes a few milliseconds; on a busy one (CPU shared,
 * the database's single writer in use) tens, for the first inject after a start as for any other.
 * So the window follows what the last step has recently taken here (its 90th percentile plus a
 * margin), between MIN_ and MAX_REVEAL_AHEAD_MS.
 */
export class RevealLead {
  private readonly recent: number[] = [];
  private next = 0;

  /** How long the last step of one delivery took, from the intended wake-up to the reveal's commit (ms). */
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    if (this.recent.length < SAMPLES) this.recent.push(ms);
    else this.recent[this.next] = ms;
    this.next = (this.next + 1) % SAMPLES;
  }

  aheadMs(): number {
    if (this.recent.length === 0) return MIN_REVEAL_AHEAD_MS;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)] ?? 0;
    return Math.min(MAX_REVEAL_AHEAD_MS, Math.max(MIN_REVEAL_AHEAD_MS, Math.ceil(p90 + MARGIN_MS)));
  }
}
