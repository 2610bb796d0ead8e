import { describe, expect, it } from 'vitest';
import { type DeliveryTimingRow, latenessOf, summariseDeliveries, wholeLatenessMs } from './delivery-timing.js';

const row = (over: Partial<DeliveryTimingRow>): DeliveryTimingRow => ({
  injectId: 'stalled',
  teamId: 'blue',
  dueAtMs: 1_000_000,
  deliveredAtMs: 1_000_000,
  late: true,
  broadcastStartedAtMs: 1_001_467.46,
  broadcastEndedAtMs: 1_001_470,
  broadcastBy: 'api-1',
  ...over,
});

describe('delivery timing', () => {
  it('gives the whole-millisecond lateness from the same tenth-rounded figure as the accuracy list', () => {
    const d = row({});
    expect(latenessOf(d)).toBe(1467.5);
    // rounding the raw 1467.46 directly would say 1467 where the accuracy list says 1467.5
    expect(wholeLatenessMs(1467.46)).toBe(1468);
    const listed = summariseDeliveries([d]).late[0]?.latenessMs ?? NaN;
    expect(wholeLatenessMs(1_001_467.46 - 1_000_000)).toBe(Math.round(listed));
  });

  it('measures an unrecorded broadcast from when the delivery was made', () => {
    expect(latenessOf(row({ broadcastStartedAtMs: null, broadcastEndedAtMs: null, deliveredAtMs: 1_002_000 }))).toBe(
      2000,
    );
  });
});
