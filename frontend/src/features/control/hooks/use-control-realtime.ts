import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ClockEvent, WatchAck } from '../../../lib/api-types';
import { applyClockEvent } from '../../../lib/clock';
import { getSocket, onSocketConnect } from '../../../lib/socket';
import type { ExerciseState } from '../api/get-exercise';
import { controlKeys } from '../api/query-keys';

export type WatchState = { state: 'joining' } | { state: 'watching'; room: string } | { state: 'refused'; message: string };

/**
 * Follow one exercise live: join its control (or observer) room after every (re)connect, and let
 * each event invalidate the read model it concerns.
 */
export function useControlRealtime(exerciseId: string): WatchState {
  const queryClient = useQueryClient();
  const [watch, setWatch] = useState<WatchState>({ state: 'joining' });
  useEffect(() => {
    const socket = getSocket();
    let alive = true;
    const join = () => {
      setWatch({ state: 'joining' });
      socket.timeout(5000).emit('exercise:watch', { exerciseId }, (err: Error | null, res?: WatchAck) => {
        if (!alive) return;
        if (err || !res) setWatch({ state: 'refused', message: err?.message ?? 'no answer' });
        else setWatch(res.ok ? { state: 'watching', room: res.room } : { state: 'refused', message: res.message });
      });
    };
    const offConnect = onSocketConnect(join);
    if (socket.connected) join();

    const invalidate = (...keys: (readonly unknown[])[]) => keys.forEach((queryKey) => void queryClient.invalidateQueries({ queryKey }));
    const mine = (e: { exerciseId?: string }) => e.exerciseId === undefined || e.exerciseId === exerciseId;
    const onDelivered = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.timeline(exerciseId), controlKeys.grid(exerciseId));
    const onClock = (e: ClockEvent) => {
      if (!mine(e)) return;
      queryClient.setQueryData<ExerciseState>(controlKeys.detail(exerciseId), (d) => (d ? { ...d, clock: applyClockEvent(d.clock, e) } : d));
      invalidate(controlKeys.timeline(exerciseId), controlKeys.exercises);
    };
    const onChanged = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.exercise(exerciseId));
    const onResponse = () => invalidate(controlKeys.responses(exerciseId), controlKeys.grid(exerciseId));
    const onAck = () => invalidate(controlKeys.grid(exerciseId));
    const onThread = () => invalidate(controlKeys.threads(exerciseId));
    socket.on('control:inject-delivered', onDelivered);
    socket.on('exercise:clock', onClock);
    socket.on('exercise:changed', onChanged);
    socket.on('control:response', onResponse);
    socket.on('control:ack', onAck);
    socket.on('control:thread', onThread);
    return () => {
      alive = false;
      offConnect();
      socket.off('control:inject-delivered', onDelivered);
      socket.off('exercise:clock', onClock);
      socket.off('exercise:changed', onChanged);
      socket.off('control:response', onResponse);
      socket.off('control:ack', onAck);
      socket.off('control:thread', onThread);
    };
  }, [exerciseId, queryClient]);
  return watch;
}
