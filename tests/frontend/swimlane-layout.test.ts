import { describe, expect, it } from 'vitest';
import { fanOut } from '../../frontend/src/features/review/components/swimlane-layout.js';

/** The report's swimlane: entries at one moment of one lane (e.g. logged during a pause) must not hide each other. */
describe('swimlane fan-out', () => {
  it('gives up to five entries at one instant of one lane five distinct heights, all inside the lane', () => {
    const out = fanOut(Array.from({ length: 5 }, () => ({ x: 12, y: 2 })));
    const ys = out.map((p) => p.y);
    expect(new Set(ys).size).toBe(5);
    for (const p of out) {
      expect(p.lane).toBe(2);
      expect(Math.abs(p.y - 2)).toBeLessThan(0.5);
    }
    // the first stays on the lane's line
    expect(ys[0]).toBe(2);
  });

  it('leaves entries alone that share neither the instant nor the lane', () => {
    const out = fanOut([
      { x: 1, y: 0 },
      { x: 2, y: 0 },
      { x: 1, y: 1 },
    ]);
    expect(out.map((p) => p.y)).toEqual([0, 0, 1]);
    expect(out.map((p) => p.x)).toEqual([1, 2, 1]);
  });
});
