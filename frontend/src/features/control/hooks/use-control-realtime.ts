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
    let retry: number | undefined;
    const join = () => {
      window.clearTimeout(retry);
      setWatch({ state: 'joining' });
      socket.timeout(10_000).emit('exercise:watch', { exerciseId }, (err: Error | null, res?: WatchAck) => {
        if (!alive) return;
        if (err || !res) {
          // no answer in time (a busy server): ask again rather than stay without live updates
          setWatch({ state: 'refused', message: err?.message ?? 'no answer' });
          if (socket.connected) retry = window.setTimeout(join, 2000);
        } else {
          setWatch(res.ok ? { state: 'watching', room: res.room } : { state: 'refused', message: res.message });
          // events sent before a late join were missed: fetch what they would have refreshed
          if (res.ok && retry !== undefined) void queryClient.invalidateQueries({ queryKey: controlKeys.exercise(exerciseId) });
        }
      });
    };
    const offConnect = onSocketConnect(join);
    if (socket.connected) join();
    // the server knows who we are only once it has checked the session: a watch sent between the
    // connect and 'session:ready' is refused, so ask (again) when the session is ready
    const onReady = (info: { kind: 'user' | 'participant' }) => info.kind === 'user' && join();
    socket.on('session:ready', onReady);

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
    const onDecision = (e: { exerciseId: string }) => mine(e) && invalidate(controlKeys.decisions(exerciseId), controlKeys.timeline(exerciseId));
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
      alive = false;
      window.clearTimeout(retry);
      offConnect();
      socket.off('session:ready', onReady);
      socket.off('control:inject-delivered', onDelivered);
      socket.off('exercise:clock', onClock);
      socket.off('exercise:changed', onChanged);
      socket.off('control:response', onResponse);
      socket.off('control:ack', onAck);
      socket.off('control:thread', onThread);
      socket.off('decision:changed', onDecision);
      socket.off('score:changed', onScore);
    };
  }, [exerciseId, queryClient]);
  return watch;
}
