import { describe, expect, it } from 'vitest';
import {
  pauseAnchor,
  respeedAnchor,
  resumeAnchor,
  scenarioNow,
  wallTimeAt,
  type ClockAnchor,
} from './exercise-clock.js';

const started: ClockAnchor = { wallMs: 1_000_000, scenarioMs: 0, speed: 1, running: true };

describe('exercise clock', () => {
  it('advances scenario time with wall time at the configured speed', () => {
    expect(scenarioNow(started, 1_060_000)).toBe(60_000);
    expect(scenarioNow({ ...started, speed: 60 }, 1_001_000)).toBe(60_000);
  });

  it('freezes while paused and shifts every due instant by exactly the pause length', () => {
    const dueBefore = wallTimeAt(started, 300_000);
    const paused = pauseAnchor(started, 1_100_000);
    expect(scenarioNow(paused, 9_999_999)).toBe(100_000);
    expect(wallTimeAt(paused, 300_000)).toBeNull();
    const resumed = resumeAnchor(paused, 1_100_000 + 45_123);
    expect(wallTimeAt(resumed, 300_000)).toBe((dueBefore ?? NaN) + 45_123);
  });

  it('re-times the rest of the timeline when the speed changes', () => {
    const fast = respeedAnchor(started, 1_010_000, 10);
    expect(scenarioNow(fast, 1_010_000)).toBe(10_000);
    expect(wallTimeAt(fast, 110_000)).toBe(1_020_000);
    const slow = respeedAnchor(fast, 1_020_000, 0.5);
    expect(scenarioNow(slow, 1_022_000)).toBe(111_000);
  });

  it('never runs scenario time backwards before the anchor', () => {
    expect(scenarioNow(started, 999_000)).toBe(0);
  });
});
