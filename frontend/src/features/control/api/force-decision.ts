import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { ControlDecision } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { controlKeys } from './query-keys';

/** Settle an open decision by hand: an option id, 'blocked' or 'timed-out' (logged as forced). */
export const forceDecision = (id: string, rowId: string, outcome: string) =>
  api.post('/exercises/{id}/decisions/{decisionRowId}/force', {
    path: { id, decisionRowId: rowId },
    body: { outcome },
  });

export function useForceDecision(exerciseId: string) {
  const queryClient = useQueryClient();
  const key = controlKeys.decisions(exerciseId);
  return useMutation({
    mutationFn: ({ rowId, outcome }: { rowId: string; outcome: string }) => forceDecision(exerciseId, rowId, outcome),
    onSuccess: (d) =>
      queryClient.setQueryData<ControlDecision[]>(key, (list) => list?.map((x) => (x.id === d.id ? d : x))),
    onError: (e) => toast({ color: 'red', title: 'Outcome not forced', message: errorMessage(e) }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: controlKeys.timeline(exerciseId) });
    },
  });
}
