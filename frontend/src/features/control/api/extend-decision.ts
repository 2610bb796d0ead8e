import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { ControlDecision } from '../../../lib/api-types';
import { toast } from '../../../lib/toast';
import { controlKeys } from './query-keys';

/** Move an open decision's deadline later on the exercise clock (logged). */
export const extendDecision = (id: string, rowId: string, deadlineScenarioMs: number) =>
  api.post('/exercises/{id}/decisions/{decisionRowId}/extend', {
    path: { id, decisionRowId: rowId },
    body: { deadlineScenarioMs },
  });

export function useExtendDecision(exerciseId: string) {
  const queryClient = useQueryClient();
  const key = controlKeys.decisions(exerciseId);
  return useMutation({
    mutationFn: ({ rowId, deadlineScenarioMs }: { rowId: string; deadlineScenarioMs: number }) =>
      extendDecision(exerciseId, rowId, deadlineScenarioMs),
    onSuccess: (d) =>
      queryClient.setQueryData<ControlDecision[]>(key, (list) => list?.map((x) => (x.id === d.id ? d : x))),
    onError: (e) => toast({ color: 'red', title: 'Deadline not extended', message: errorMessage(e) }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
