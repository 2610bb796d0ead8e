import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { ClockEvent } from './api-types';
import { applyClockEvent, type LocalClock } from './clock';

/**
 * Applies a clock event (start, pause, resume, speed, end) to a cached read that carries the clock.
 * A read that left before the event would land after it with the old clock and put the seat back
 * to "draft" or "running" for good, so it is cancelled first. Staff seats (a handful per drill) then
 * read it again, a read that can only come after the event; players do not (a thousand consoles
 * re-reading at every pause would load the server just as deliveries resume).
 */
export async function applyClockEventToQuery<T extends { clock: LocalClock }>(
  queryClient: QueryClient,
  queryKey: QueryKey,
  e: ClockEvent,
  opts: { reread: boolean },
): Promise<void> {
  await queryClient.cancelQueries({ queryKey, exact: true });
  queryClient.setQueryData<T>(queryKey, (d) => (d ? { ...d, clock: applyClockEvent(d.clock, e) } : d));
  if (opts.reread) void queryClient.invalidateQueries({ queryKey, exact: true });
}
