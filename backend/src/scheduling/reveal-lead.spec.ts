import { describe, expect, it } from 'vitest';
import { MAX_REVEAL_AHEAD_MS, MIN_REVEAL_AHEAD_MS, RevealLead } from './reveal-lead.js';

describe('how long before its instant a delivery is made final', () => {
  it('keeps the short window while the last step is quick', () => {
    const lead = new RevealLead();
    expect(lead.aheadMs()).toBe(MIN_REVEAL_AHEAD_MS);
    for (let i = 0; i < 50; i++) lead.record(2 + (i % 5));
    expect(lead.aheadMs()).toBe(MIN_REVEAL_AHEAD_MS);
  });

  it('widens to the recent 90th percentile of the last step, plus a margin, when the machine is busy', () => {
    const lead = new RevealLead();
    // 90 % take 4 ms, one in ten 30 ms
    for (let i = 0; i < 60; i++) lead.record(i % 10 === 9 ? 30 : 4);
    expect(lead.aheadMs()).toBe(MIN_REVEAL_AHEAD_MS);
    for (let i = 0; i < 60; i++) lead.record(i % 10 >= 8 ? 30 : 4);
    expect(lead.aheadMs()).toBe(33);
  });

  it('never widens past the bound, and narrows again as old samples leave', () => {
    const lead = new RevealLead();
    for (let i = 0; i < 64; i++) lead.record(400);
    expect(lead.aheadMs()).toBe(MAX_REVEAL_AHEAD_MS);
    for (let i = 0; i < 64; i++) lead.record(3);
    expect(lead.aheadMs()).toBe(MIN_REVEAL_AHEAD_MS);
  });

  it('ignores readings that are not durations', () => {
    const lead = new RevealLead();
    lead.record(Number.NaN);
    lead.record(-5);
    expect(lead.aheadMs()).toBe(MIN_REVEAL_AHEAD_MS);
  });
});
