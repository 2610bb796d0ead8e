import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { ExerciseEvent, ScoreVisibility } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { controlKeys } from './query-keys';

export const setScoreVisibility = (id: string, body: ScoreVisibility) =>
  api.post('/exercises/{id}/score-visibility', { path: { id }, body });

/**
 * The exercise detail does not carry these two settings, so the current values are read from the
 * log: the latest `settings.changed` event that set each one (both start off).
 */
export function scoreVisibilityFromLog(events: ExerciseEvent[] | undefined): Required<ScoreVisibility> {
  const out = { scoresVisible: false, leaderboard: false };
  for (const e of events ?? []) {
    if (e.type !== 'settings.changed') continue;
    if (typeof e.payload.scoresVisible === 'boolean') out.scoresVisible = e.payload.scoresVisible;
    if (typeof e.payload.leaderboard === 'boolean') out.leaderboard = e.payload.leaderboard;
  }
  return out;
}

export function useSetScoreVisibility(exerciseId: string) {
  const queryClient = useQueryClient();
  const key = controlKeys.events(exerciseId);
  return useMutation({
    mutationFn: (body: ScoreVisibility) => setScoreVisibility(exerciseId, body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ExerciseEvent[]>(key);
      // optimistic: a local settings event, replaced by the server's log on the refetch
      queryClient.setQueryData<ExerciseEvent[]>(key, (list) => [
        ...(list ?? []),
        {
          id: Number.MAX_SAFE_INTEGER,
          exerciseId,
          type: 'settings.changed',
          atMs: Date.now(),
          scenarioMs: null,
          actor: 'me',
          injectId: null,
          teamId: null,
          payload: { ...body },
        },
      ]);
      return { previous };
    },
    onError: (e, _b, ctx) => {
      queryClient.setQueryData(key, ctx?.previous);
      toast({ color: 'red', title: 'Setting not saved', message: errorMessage(e) });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
