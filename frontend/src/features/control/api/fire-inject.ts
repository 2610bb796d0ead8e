import { toast } from '../../../lib/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage } from '../../../lib/api-client';
import type { TimelineEntry } from '../../../lib/api-types';
import { controlKeys } from './query-keys';

export const fireInject = (id: string, injectId: string) =>
  api.post('/exercises/{id}/injects/{injectId}/fire', { path: { id, injectId } });

export function useFireInject(exerciseId: string) {
  const queryClient = useQueryClient();
  const key = controlKeys.timeline(exerciseId);
  return useMutation({
    mutationFn: (injectId: string) => fireInject(exerciseId, injectId),
    onMutate: async (injectId) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TimelineEntry[]>(key);
      queryClient.setQueryData<TimelineEntry[]>(key, (list) =>
        list?.map((e) => (e.injectId === injectId ? { ...e, status: 'delivered', deliveredAt: Date.now() } : e)),
      );
      return { previous };
    },
    onError: (e, _id, ctx) => {
      queryClient.setQueryData(key, ctx?.previous);
      toast({ color: 'red', title: 'Inject not fired', message: errorMessage(e) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: controlKeys.grid(exerciseId) });
    },
  });
}
