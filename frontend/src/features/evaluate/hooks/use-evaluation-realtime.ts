import { useQueryClient } from '@tanstack/react-query';
import type { ClockEvent } from '../../../lib/api-types';
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
      const onResponse = (e: { exerciseId: string }) => {
        if (!mine(e)) return;
        invalidate(evaluateKeys.queue(exerciseId));
        invalidate(evaluateKeys.scores(exerciseId));
      };
      const onScore = (e: { exerciseId: string }) => {
        if (!mine(e)) return;
        invalidate(evaluateKeys.scores(exerciseId));
        invalidate(evaluateKeys.queue(exerciseId));
      };
      const onChanged = (e: { exerciseId: string }) => mine(e) && invalidate(evaluateKeys.exercise(exerciseId));
      const onClock = (e: ClockEvent) => {
        if (!mine(e)) return;
        void applyClockEventToQuery<EvaluatedExercise>(queryClient, evaluateKeys.detail(exerciseId), e, {
          reread: true,
        });
      };
      socket.on('control:response', onResponse);
      socket.on('score:changed', onScore);
      socket.on('exercise:changed', onChanged);
      socket.on('exercise:clock', onClock);
      return () => {
        socket.off('control:response', onResponse);
        socket.off('score:changed', onScore);
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
