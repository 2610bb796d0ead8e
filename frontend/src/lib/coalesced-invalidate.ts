import type { QueryClient } from '@tanstack/react-query';

/**
 * Refetches driven by socket events, at most once per `windowMs` per query: the first event
 * refetches at once, the ones that follow within the window share one refetch at its end. In a
 * large drill responses and score changes arrive many times a second; a control room that refetched
 * every list after every event would load the server with the event rate times the number of
 * consoles, and each refetch would cancel the one before.
 */
export function coalescedInvalidator(queryClient: QueryClient, windowMs: number) {
  const last = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const run = (id: string, queryKey: readonly unknown[]) => {
    last.set(id, Date.now());
    void queryClient.invalidateQueries({ queryKey });
  };
  return {
    invalidate(...keys: (readonly unknown[])[]) {
      for (const queryKey of keys) {
        const id = JSON.stringify(queryKey);
        if (timers.has(id)) continue;
        const wait = (last.get(id) ?? -Infinity) + windowMs - Date.now();
        if (wait <= 0) run(id, queryKey);
        else
          timers.set(
            id,
            setTimeout(() => {
              timers.delete(id);
              run(id, queryKey);
            }, wait),
          );
      }
    },
    dispose() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
