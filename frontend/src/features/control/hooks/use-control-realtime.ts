import { useQueryClient } from '@tanstack/react-query';
import type { ClockEvent } from '../../../lib/api-types';
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
      const onResponse = (e: { exerciseId: string }) =>
        mine(e) && invalidate(controlKeys.responses(exerciseId), controlKeys.grid(exerciseId));
      const onAck = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.grid(exerciseId));
      const onThread = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.threads(exerciseId));
      const onDecision = (e: { exerciseId: string }) =>
        mine(e) && invalidate(controlKeys.decisions(exerciseId), controlKeys.timeline(exerciseId));
      const onScore = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.scores(exerciseId));
      socket.on('control:inject-delivered', onDelivered);
      socket.on('exercise:clock', onClock);
      socket.on('exercise:changed', onChanged);
      socket.on('control:response', onResponse);
      socket.on('control:ack', onAck);
      socket.on('control:thread', onThread);
      socket.on('decision:changed', onDecision);
      socket.on('score:changed', onScore);
      return () => {
        socket.off('control:inject-delivered', onDelivered);
        socket.off('exercise:clock', onClock);
        socket.off('exercise:changed', onChanged);
        socket.off('control:response', onResponse);
        socket.off('control:ack', onAck);
        socket.off('control:thread', onThread);
        socket.off('decision:changed', onDecision);
        socket.off('score:changed', onScore);
        coalesced.dispose();
      };
    },
    // events sent before a late join were missed: fetch what they would have refreshed
    () => void queryClient.invalidateQueries({ queryKey: controlKeys.exercise(exerciseId) }),
  );
}
