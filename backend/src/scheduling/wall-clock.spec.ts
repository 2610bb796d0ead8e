import { describe, expect, it } from 'vitest';
import { STEP_THRESHOLD_MS, type TimeSource, WallClock } from './wall-clock.js';

/** A system clock the test steps by hand; the monotonic clock only ever moves forward. */
function fakeTime(wallAtStart = 1_700_000_000_000) {
  let mono = 5_000;
  let wallOffset = wallAtStart - mono;
  const source: TimeSource = { wallMs: () => Math.floor(mono + wallOffset), monotonicMs: () => mono };
  return {
    source,
    advance: (ms: number) => void (mono += ms),
    step: (ms: number) => void (wallOffset += ms),
  };
}

describe('the wall clock deliveries are timed on', () => {
  it('reads the wall clock at sub-millisecond resolution while nothing steps', () => {
    const t = fakeTime();
    const clock = new WallClock(t.source);
    t.advance(1234.567);
    expect(clock.now()).toBeCloseTo(1_700_000_001_234.567, 3);
  });

  it('follows a forward or backward step at once and tells its listeners the step', () => {
    const t = fakeTime();
    const clock = new WallClock(t.source);
    const steps: number[] = [];
    clock.onStep((s) => steps.push(s));
    t.advance(1000);
    t.step(3000);
    expect(clock.now()).toBeCloseTo(1_700_000_004_000, 0);
    t.advance(500);
    expect(clock.now()).toBeCloseTo(1_700_000_004_500, 0);
    t.step(-5000);
    expect(clock.now()).toBeCloseTo(1_699_999_999_500, 0);
    expect(steps.map(Math.round)).toEqual([3000, -5000]);
  });

  it('follows a slow drift (NTP slewing) without calling it a step', () => {
    const t = fakeTime();
    const clock = new WallClock(t.source);
    const steps: number[] = [];
    clock.onStep((s) => steps.push(s));
    for (let i = 0; i < 600; i++) {
      t.advance(1000);
      t.step(0.5); // 500 ppm, the most ntpd slews
      clock.now();
    }
    expect(Math.abs(clock.now() - t.source.wallMs())).toBeLessThan(3);
    expect(steps).toEqual([]);
  });

  it('calls a jump of the threshold a step, and one just under it a drift', () => {
    const t = fakeTime();
    const clock = new WallClock(t.source);
    const steps: number[] = [];
    clock.onStep((s) => steps.push(s));
    t.step(STEP_THRESHOLD_MS - 10);
    clock.now();
    t.step(STEP_THRESHOLD_MS + 10);
    clock.now();
    expect(steps.map(Math.round)).toEqual([STEP_THRESHOLD_MS + 10]);
  });

  it('does not take a thread paused between its reads of the two clocks for a step', () => {
    let mono = 5_000;
    const offset = 1_700_000_000_000 - mono;
    // the thread is preempted for 300 ms right after one read of the monotonic clock
    let pauseAfterNextMonotonicRead = false;
    const source: TimeSource = {
      wallMs: () => Math.floor(mono + offset),
      monotonicMs: () => {
        const m = mono;
        if (pauseAfterNextMonotonicRead) {
          pauseAfterNextMonotonicRead = false;
          mono += 300;
        }
        return m;
      },
    };
    const clock = new WallClock(source);
    const steps: number[] = [];
    clock.onStep((s) => steps.push(s));
    mono += 1000;
    pauseAfterNextMonotonicRead = true;
    expect(clock.now()).toBeCloseTo(1_700_000_001_300, 0);
    expect(clock.now()).toBeCloseTo(1_700_000_001_300, 0);
    expect(steps).toEqual([]);
  });
});
