import { useQueryClient } from '@tanstack/react-query';
import type { ClockEvent, ControlChangesEvent } from '../../../lib/api-types';
import { applyClockEventToQuery } from '../../../lib/clock-cache';
import { coalescedInvalidator } from '../../../lib/coalesced-invalidate';
import { useExerciseRoom } from '../../../lib/use-exercise-room';
import type { EvaluatedExercise } from '../api/get-exercise';
import { evaluateKeys } from '../api/query-keys';

export type LiveState = 'joining' | 'live' | 'refused';

/**
 * Follow one exercise from the evaluator's seat: join its control room after every (re)connect;
 * new or edited responses refresh the queue, score changes refresh the breakdown.
 */
export function useEvaluationRealtime(exerciseId: string): LiveState {
  const queryClient = useQueryClient();
  const watch = useExerciseRoom(
    exerciseId,
    (socket) => {
      // the queue and the scores refetch at most once a second however fast responses come
      const coalesced = coalescedInvalidator(queryClient, 1000);
      const invalidate = (queryKey: readonly unknown[]) => coalesced.invalidate(queryKey);
      const mine = (e: { exerciseId?: string }) => e.exerciseId === undefined || e.exerciseId === exerciseId;
      // responses and scores, gathered by the server (at most one every 200 ms); acknowledgements
      // show nowhere on this seat
      const onChanges = (e: ControlChangesEvent) => {
        if (!mine(e) || (e.responses.length === 0 && e.scoredTeamIds.length === 0)) return;
        invalidate(evaluateKeys.queue(exerciseId));
        invalidate(evaluateKeys.scores(exerciseId));
      };
      const onChanged = (e: { exerciseId: string }) => mine(e) && invalidate(evaluateKeys.exercise(exerciseId));
      const onClock = (e: ClockEvent) => {
        if (!mine(e)) return;
        void applyClockEventToQuery<EvaluatedExercise>(queryClient, evaluateKeys.detail(exerciseId), e, {
          reread: true,
        });
      };
      socket.on('control:changes', onChanges);
      socket.on('exercise:changed', onChanged);
      socket.on('exercise:clock', onClock);
      return () => {
        socket.off('control:changes', onChanges);
        socket.off('exercise:changed', onChanged);
        socket.off('exercise:clock', onClock);
        coalesced.dispose();
      };
    },
    // events sent before a late join were missed: fetch again
    () => void queryClient.invalidateQueries({ queryKey: evaluateKeys.exercise(exerciseId) }),
  );
  return watch.state === 'watching' ? 'live' : watch.state;
}
