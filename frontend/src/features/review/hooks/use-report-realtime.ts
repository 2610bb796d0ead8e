import { useQueryClient } from '@tanstack/react-query';
import type { ControlChangesEvent } from '../../../lib/api-types';
import { coalescedInvalidator } from '../../../lib/coalesced-invalidate';
import { useExerciseRoom } from '../../../lib/use-exercise-room';
import { reviewKeys } from '../api/review-paths';

/** the report is a large read: it refetches at most this often however fast its events come */
const REFETCH_WINDOW_MS = 2000;

/**
 * The after-action report follows the exercise live: hotwash answers, evaluators' scores, decisions
 * and the end of the exercise refresh it without a reload (the hotwash is run from this page).
 */
export function useReportRealtime(exerciseId: string): void {
  const queryClient = useQueryClient();
  useExerciseRoom(
    exerciseId,
    (socket) => {
      const coalesced = coalescedInvalidator(queryClient, REFETCH_WINDOW_MS);
      const onEvent = (e: { exerciseId?: string }) => {
        if (e.exerciseId === undefined || e.exerciseId === exerciseId)
          coalesced.invalidate(reviewKeys.report(exerciseId));
      };
      // of the gathered changes, only scores show in the report
      const onChanges = (e: ControlChangesEvent) => {
        if (e.scoredTeamIds.length > 0) onEvent(e);
      };
      const events = ['report:changed', 'decision:changed', 'exercise:changed', 'exercise:clock'] as const;
      for (const name of events) socket.on(name, onEvent);
      socket.on('control:changes', onChanges);
      return () => {
        for (const name of events) socket.off(name, onEvent);
        socket.off('control:changes', onChanges);
        coalesced.dispose();
      };
    },
    () => void queryClient.invalidateQueries({ queryKey: reviewKeys.report(exerciseId) }),
    // a live draft refreshes on a timer and costs a rebuild: no second read on every open
    { rereadAfter: 'retried-join' },
  );
}
