import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { AdhocInjectBody } from '../../../lib/api-types';
import { controlKeys } from './query-keys';

export const createAdhocInject = (id: string, body: AdhocInjectBody) =>
  api.post('/exercises/{id}/adhoc-injects', { path: { id }, body });

export function useCreateAdhocInject(
  exerciseId: string,
  options: { onSuccess?: (r: { injectId: string }) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AdhocInjectBody) => createAdhocInject(exerciseId, body),
    onSuccess: (r) => options.onSuccess?.(r),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: controlKeys.timeline(exerciseId) });
      void queryClient.invalidateQueries({ queryKey: controlKeys.grid(exerciseId) });
    },
  });
}
