import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { RatingBody } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { evaluateKeys } from './query-keys';

/** Rate one team on one objective (HSEEP P/S/M/U) with observations; answers with all ratings. */
export const rateObjective = (id: string, body: RatingBody) =>
  api.post('/exercises/{id}/ratings', { path: { id }, body });

export function useRateObjective(exerciseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RatingBody) => rateObjective(exerciseId, body),
    onSuccess: (ratings) => queryClient.setQueryData(evaluateKeys.ratings(exerciseId), ratings),
    onError: (e) => toast({ color: 'red', title: 'Rating not saved', message: errorMessage(e) }),
  });
}
