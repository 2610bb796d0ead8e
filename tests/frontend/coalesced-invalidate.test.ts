import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalescedInvalidator } from '../../frontend/src/lib/coalesced-invalidate.js';

/** Console refetches driven by socket events: at once for the first, then at most one per window. */
describe('coalesced refetches', () => {
  let client: QueryClient;
  let calls: string[];
  beforeEach(() => {
    vi.useFakeTimers();
    client = new QueryClient();
    calls = [];
    vi.spyOn(client, 'invalidateQueries').mockImplementation((filters) => {
      calls.push(JSON.stringify(filters?.queryKey));
      return Promise.resolve();
    });
  });
  afterEach(() => vi.useRealTimers());

  it('refetches the first event at once and a burst once more at the end of the window, per query', () => {
    const c = coalescedInvalidator(client, 1000);
    c.invalidate(['responses'], ['grid']);
    expect(calls).toEqual(['["responses"]', '["grid"]']);
    // a burst of 200 events within the window: nothing more until it ends
    for (let i = 0; i < 200; i++) {
      vi.advanceTimersByTime(4);
      c.invalidate(['responses']);
    }
    expect(calls).toHaveLength(2);
    vi.advanceTimersByTime(1000 - 800);
    expect(calls).toEqual(['["responses"]', '["grid"]', '["responses"]']);
    // quiet for a while: the next event is served at once again
    vi.advanceTimersByTime(5000);
    c.invalidate(['grid']);
    expect(calls.at(-1)).toBe('["grid"]');
    expect(calls).toHaveLength(4);
  });

  it('drops what is pending when the console leaves', () => {
    const c = coalescedInvalidator(client, 1000);
    c.invalidate(['scores']);
    c.invalidate(['scores']);
    c.dispose();
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual(['["scores"]']);
  });
});
