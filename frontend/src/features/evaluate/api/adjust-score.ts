import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { ScoreAdjustmentBody } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { evaluateKeys } from './query-keys';
import { replaceTeamScore } from './replace-team-score';

/** Add or remove points on one inject for one team, with a stated reason. */
export const adjustScore = (id: string, body: ScoreAdjustmentBody) =>
  api.post('/exercises/{id}/score-adjustments', { path: { id }, body });

export function useAdjustScore(exerciseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ScoreAdjustmentBody) => adjustScore(exerciseId, body),
    onSuccess: (score) => replaceTeamScore(queryClient, exerciseId, score),
    onError: (e) => toast({ color: 'red', title: 'Adjustment not saved', message: errorMessage(e) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: evaluateKeys.queue(exerciseId) });
      void queryClient.invalidateQueries({ queryKey: evaluateKeys.scores(exerciseId) });
    },
  });
}
