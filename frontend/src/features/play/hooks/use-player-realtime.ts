import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ClockEvent, InjectDeliveredEvent, PlayerInjectView, TeamAck, TeamResponse } from '../../../lib/api-types';
import { ApiError } from '../../../lib/api-client';
import { applyClockEventToQuery } from '../../../lib/clock-cache';
import { getSocket } from '../../../lib/socket';
import { acksQueryKey, upsertAck } from '../api/get-acks';
import { getInject } from '../api/get-inject';
import { injectsQueryKey, upsertInject } from '../api/get-injects';
import { type PlayerSessionState, playerSessionQueryKey } from '../api/get-player-session';
import { responsesQueryKey, upsertResponse } from '../api/get-responses';
import { decisionsQueryKey } from '../api/get-decisions';
import { playerScoresQueryKey } from '../api/get-scores';
import { threadsQueryKey } from '../api/get-threads';

/**
 * Socket events say *what* changed; the API says what it is. A delivered inject is fetched alone
 * and merged into the inbox by id, so a later full refetch (reconnect) cannot duplicate it. The
 * team's own responses and acknowledgements come whole in their events and are merged by id.
 */
export function usePlayerRealtime(exerciseId: string, onArrival?: (inject: PlayerInjectView) => void): void {
  const queryClient = useQueryClient();
  // a write refused because the exercise ended (the end event crossed it on the wire): the console
  // reloads its session and closes, as it does on the event itself
  useEffect(
    () =>
      queryClient.getMutationCache().subscribe((e) => {
        const error: unknown = e.mutation?.state.error;
        if (e.type === 'updated' && error instanceof ApiError && error.code === 'exercise.ended')
          void queryClient.invalidateQueries({ queryKey: playerSessionQueryKey });
      }),
    [queryClient],
  );
  useEffect(() => {
    const socket = getSocket();
    const onDelivered = (e: InjectDeliveredEvent) => {
      if (e.exerciseId !== exerciseId) return;
      // lets benchmarks and tests time event → render without hooking into the app
      performance.mark('ttx:inject-delivered', { detail: { injectId: e.injectId } });
      getInject(e.injectId).then(
        (inject) => {
          queryClient.setQueryData<PlayerInjectView[]>(injectsQueryKey, (list) => upsertInject(list, inject));
          // a decision sheet opens a vote: the inbox marks it "vote needed" at once
          if (inject.decision) void queryClient.invalidateQueries({ queryKey: decisionsQueryKey });
          onArrival?.(inject);
        },
        () => void queryClient.invalidateQueries({ queryKey: injectsQueryKey }),
      );
    };
    const onClock = (e: ClockEvent) => {
      if (e.exerciseId !== exerciseId) return;
      void applyClockEventToQuery<PlayerSessionState>(queryClient, playerSessionQueryKey, e, { reread: false });
      // the team's own breakdown may become visible when the exercise ends
      // (the console closes its composer, votes and countdowns from the clock's status at once)
      if (e.status === 'ended') {
        void queryClient.invalidateQueries({ queryKey: playerScoresQueryKey });
        void queryClient.invalidateQueries({ queryKey: decisionsQueryKey });
      }
    };
    const onDecision = (e: { exerciseId: string }) =>
      e.exerciseId === exerciseId && void queryClient.invalidateQueries({ queryKey: decisionsQueryKey });
    const onChanged = (e: { exerciseId: string }) => {
      if (e.exerciseId !== exerciseId) return;
      void queryClient.invalidateQueries({ queryKey: playerSessionQueryKey });
      void queryClient.invalidateQueries({ queryKey: injectsQueryKey });
    };
    // the team's log arrives whole: twenty teammates refetching it after every entry would load the
    // server with the square of the team's size
    const onResponse = (e: { exerciseId: string; response: TeamResponse }) => {
      if (e.exerciseId === exerciseId)
        queryClient.setQueryData<TeamResponse[]>(responsesQueryKey, (list) => upsertResponse(list, e.response));
    };
    const onAck = (e: { exerciseId: string; ack: TeamAck }) => {
      if (e.exerciseId === exerciseId)
        queryClient.setQueryData<TeamAck[]>(acksQueryKey, (list) => upsertAck(list, e.ack));
    };
    const onThread = (e: { exerciseId: string }) =>
      e.exerciseId === exerciseId && void queryClient.invalidateQueries({ queryKey: threadsQueryKey });
    // the instructor switched score visibility or the leaderboard: the Scores tab appears or goes now
    const onScoreVisibility = (e: { exerciseId: string }) =>
      e.exerciseId === exerciseId && void queryClient.invalidateQueries({ queryKey: playerScoresQueryKey });
    socket.on('inject:delivered', onDelivered);
    socket.on('exercise:clock', onClock);
    socket.on('exercise:changed', onChanged);
    socket.on('response:changed', onResponse);
    socket.on('ack:changed', onAck);
    socket.on('thread:changed', onThread);
    socket.on('decision:changed', onDecision);
    socket.on('scores:visibility', onScoreVisibility);
    return () => {
      socket.off('inject:delivered', onDelivered);
      socket.off('exercise:clock', onClock);
      socket.off('exercise:changed', onChanged);
      socket.off('response:changed', onResponse);
      socket.off('ack:changed', onAck);
      socket.off('thread:changed', onThread);
      socket.off('decision:changed', onDecision);
      socket.off('scores:visibility', onScoreVisibility);
    };
  }, [exerciseId, queryClient, onArrival]);
}
