import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ClockEvent, WatchAck } from '../../../lib/api-types';
import { applyClockEvent } from '../../../lib/clock';
import { getSocket, onSocketConnect } from '../../../lib/socket';
import type { EvaluatedExercise } from '../api/get-exercise';
import { evaluateKeys } from '../api/query-keys';

export type LiveState = 'joining' | 'live' | 'refused';

/**
 * Follow one exercise from the evaluator's seat: join its control room after every (re)connect;
 * new or edited responses refresh the queue, score changes refresh the breakdown.
 */
export function useEvaluationRealtime(exerciseId: string): LiveState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('joining');
  useEffect(() => {
    const socket = getSocket();
    let alive = true;
    let retry: number | undefined;
    const join = () => {
      window.clearTimeout(retry);
      setState('joining');
      socket.timeout(10_000).emit('exercise:watch', { exerciseId }, (err: Error | null, res?: WatchAck) => {
        if (!alive) return;
        setState(!err && res?.ok ? 'live' : 'refused');
        // no answer in time (a busy server): ask again
        if ((err || !res) && socket.connected) retry = window.setTimeout(join, 2000);
        // events sent before a late join were missed: fetch again
        else if (res?.ok && retry !== undefined) void queryClient.invalidateQueries({ queryKey: evaluateKeys.exercise(exerciseId) });
      });
    };
    const offConnect = onSocketConnect(join);
    if (socket.connected) join();
    // the server knows who we are only once it has checked the session: a watch sent between the
    // connect and 'session:ready' is refused, so ask (again) when the session is ready
    const onReady = (info: { kind: 'user' | 'participant' }) => info.kind === 'user' && join();
    socket.on('session:ready', onReady);
    const invalidate = (queryKey: readonly unknown[]) => void queryClient.invalidateQueries({ queryKey });
    const mine = (e: { exerciseId?: string }) => e.exerciseId === undefined || e.exerciseId === exerciseId;
    const onResponse = () => {
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
      queryClient.setQueryData<EvaluatedExercise>(evaluateKeys.detail(exerciseId), (d) => (d ? { ...d, clock: applyClockEvent(d.clock, e) } : d));
    };
    socket.on('control:response', onResponse);
    socket.on('score:changed', onScore);
    socket.on('exercise:changed', onChanged);
    socket.on('exercise:clock', onClock);
    return () => {
      alive = false;
      window.clearTimeout(retry);
      offConnect();
      socket.off('session:ready', onReady);
      socket.off('control:response', onResponse);
      socket.off('score:changed', onScore);
      socket.off('exercise:changed', onChanged);
      socket.off('exercise:clock', onClock);
    };
  }, [exerciseId, queryClient]);
  return state;
}
