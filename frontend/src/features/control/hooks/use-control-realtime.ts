import { useQueryClient } from '@tanstack/react-query';
import type { ClockEvent, ControlChangesEvent } from '../../../lib/api-types';
import { applyClockEventToQuery } from '../../../lib/clock-cache';
import { coalescedInvalidator } from '../../../lib/coalesced-invalidate';
import { useExerciseRoom, type WatchState } from '../../../lib/use-exercise-room';
import type { ExerciseState } from '../api/get-exercise';
import { controlKeys } from '../api/query-keys';

export type { WatchState };

/** a list refetches at most this often however fast its events come (responses, acks, scores) */
const REFETCH_WINDOW_MS = 1000;

/**
 * Follow one exercise live: join its control (or observer) room after every (re)connect, and let
 * each event invalidate the read model it concerns (coalesced: see `coalescedInvalidator`).
 */
export function useControlRealtime(exerciseId: string): WatchState {
  const queryClient = useQueryClient();
  return useExerciseRoom(
    exerciseId,
    (socket) => {
      const coalesced = coalescedInvalidator(queryClient, REFETCH_WINDOW_MS);
      const invalidate = (...keys: (readonly unknown[])[]) => coalesced.invalidate(...keys);
      const mine = (e: { exerciseId?: string }) => e.exerciseId === undefined || e.exerciseId === exerciseId;
      const onDelivered = (e: { exerciseId: string }) =>
        mine(e) && invalidate(controlKeys.timeline(exerciseId), controlKeys.grid(exerciseId));
      const onClock = (e: ClockEvent) => {
        if (!mine(e)) return;
        void applyClockEventToQuery<ExerciseState>(queryClient, controlKeys.detail(exerciseId), e, { reread: true });
        invalidate(controlKeys.timeline(exerciseId), controlKeys.exercises);
      };
      const onChanged = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.exercise(exerciseId));
      // responses, acknowledgements and scores, gathered by the server (at most one every 200 ms)
      const onChanges = (e: ControlChangesEvent) => {
        if (!mine(e)) return;
        if (e.responses.length > 0) invalidate(controlKeys.responses(exerciseId), controlKeys.grid(exerciseId));
        else if (e.acks.length > 0) invalidate(controlKeys.grid(exerciseId));
        if (e.scoredTeamIds.length > 0) invalidate(controlKeys.scores(exerciseId));
      };
      const onThread = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.threads(exerciseId));
      const onDecision = (e: { exerciseId: string }) =>
        mine(e) && invalidate(controlKeys.decisions(exerciseId), controlKeys.timeline(exerciseId));
      socket.on('control:inject-delivered', onDelivered);
      socket.on('exercise:clock', onClock);
      socket.on('exercise:changed', onChanged);
      socket.on('control:changes', onChanges);
      socket.on('control:thread', onThread);
      socket.on('decision:changed', onDecision);
      return () => {
        socket.off('control:inject-delivered', onDelivered);
        socket.off('exercise:clock', onClock);
        socket.off('exercise:changed', onChanged);
        socket.off('control:changes', onChanges);
        socket.off('control:thread', onThread);
        socket.off('decision:changed', onDecision);
        coalesced.dispose();
      };
    },
    // events sent before a late join were missed: fetch what they would have refreshed
    () => void queryClient.invalidateQueries({ queryKey: controlKeys.exercise(exerciseId) }),
  );
}
