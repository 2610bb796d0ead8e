import { describe, expect, it } from 'vitest';
import { median, num, PairMap, round2, str, strs } from './report-values.js';

/** The readers every report section leans on: log payloads are untyped JSON, so bad values must read as nothing. */
describe('report values', () => {
  it('median: none of nothing, the middle value, the mean of the two middle ones on an even count (ties included)', () => {
    expect(median([])).toBeNull();
    expect(median([42])).toBe(42);
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 30, 20])).toBe(25);
    expect(median([5, 5, 9, 9])).toBe(7);
    expect(median([7, 7, 7])).toBe(7);
  });

  it('median leaves the caller’s list in its order', () => {
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('round2 hides float noise in sums of decimal points', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(round2(0.1 + 0.2)).toBe(0.3);
    expect(round2(243.89999999999998)).toBe(243.9);
    expect(round2(-1.005)).toBe(-1);
  });

  it('str, num and strs read only values of their type from a payload', () => {
    expect([str('a'), str(1), str(null), str(undefined)]).toEqual(['a', null, null, null]);
    expect([num(3), num(Number.NaN), num(Infinity), num('3')]).toEqual([3, null, null, null]);
    expect(strs(['a', 1, null, 'b'])).toEqual(['a', 'b']);
    expect(strs('a')).toEqual([]);
  });

  it('PairMap keeps (a, b) apart from (b, a) and from pairs that would join to the same text', () => {
    const m = new PairMap<number>();
    m.set('team', 'inject', 1);
    m.set('inject', 'team', 2);
    m.set('te', 'aminject', 3);
    expect([m.get('team', 'inject'), m.get('inject', 'team'), m.get('te', 'aminject')]).toEqual([1, 2, 3]);
    expect(m.has('team', 'other')).toBe(false);
    expect(m.get('nobody', 'inject')).toBeUndefined();
    m.set('team', 'inject', 4);
    expect(m.get('team', 'inject')).toBe(4);
  });
});
