/**
 * The platform's time. Instants (clock anchors, due times) are wall-clock epoch milliseconds: the
 * only time every process and machine of a deployment share, through the database. Deliveries are
 * timed to a fraction of a millisecond from the monotonic clock, re-based on the wall clock:
 * now = monotonic + offset.
 *
 * The system clock can step (an NTP correction, an operator setting the time). The offset is then
 * stale by the step, and every anchor written before the step is off by it too. `now()` checks the
 * wall clock on every read: a drift of STEP_THRESHOLD_MS or more is a step — the offset is re-based
 * and the listeners are told (the delivery worker re-anchors the live exercises, so their clocks run
 * on without a jump; see ExerciseLifecycle.reanchorAfterClockStep). A smaller drift (NTP slewing,
 * at most 0.5 ms a second) is followed silently.
 */
export interface TimeSource {
  /** the system (wall) clock, epoch ms */
  wallMs(): number;
  /** a monotonic clock, ms (any origin) */
  monotonicMs(): number;
}

export const systemTime: TimeSource = { wallMs: () => Date.now(), monotonicMs: () => performance.now() };

/** a drift this large between two reads of the clock is a step, not a slew */
export const STEP_THRESHOLD_MS = 100;
/** below this the drift is the wall clock's millisecond resolution: left alone */
const RESOLUTION_MS = 2;
/** reads of the clock pair before giving up on a clean one (each is a few hundred nanoseconds) */
const MAX_READS = 4;

export type StepListener = (stepMs: number) => void;

export class WallClock {
  private offset: number;
  private readonly listeners = new Set<StepListener>();

  constructor(private readonly source: TimeSource = systemTime) {
    this.offset = source.wallMs() - source.monotonicMs();
  }

  /** Wall-clock now, sub-millisecond, following the system clock through steps. */
  now(): number {
    for (let attempt = 1; ; attempt++) {
      // the wall clock read between two monotonic reads: a thread preempted between them (a loaded
      // machine) would otherwise see the pause as a step of the wall clock, and re-anchor for nothing
      const before = this.source.monotonicMs();
      const wall = this.source.wallMs();
      const after = this.source.monotonicMs();
      const t = after + this.offset;
      if (after - before > RESOLUTION_MS) {
        if (attempt < MAX_READS) continue;
        // never a clean pair: no judgement on steps this time
        return t;
      }
      const drift = wall - t;
      // Date.now() truncates to the millisecond: t is up to 1 ms ahead of it without any drift
      if (drift > -RESOLUTION_MS && drift < RESOLUTION_MS) return t;
      this.offset += drift;
      if (Math.abs(drift) >= STEP_THRESHOLD_MS) for (const l of this.listeners) l(drift);
      return t + drift;
    }
  }

  /** Called with the step (ms; positive = the wall clock jumped forward) each time one is seen. */
  onStep(listener: StepListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The process's clock. */
export const wallClock = new WallClock();
