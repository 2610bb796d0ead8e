import { toast } from '../../../lib/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, type ApiBody, errorMessage } from '../../../lib/api-client';
import type { ExerciseState } from './get-exercise';
import { controlKeys } from './query-keys';

export type ExerciseSettings = ApiBody<'/exercises/{id}/settings', 'post'>;

export const updateSettings = (id: string, body: ExerciseSettings) =>
  api.post('/exercises/{id}/settings', { path: { id }, body });

export function useUpdateSettings(exerciseId: string) {
  const queryClient = useQueryClient();
  const key = controlKeys.detail(exerciseId);
  return useMutation({
    mutationFn: (body: ExerciseSettings) => updateSettings(exerciseId, body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ExerciseState>(key);
      queryClient.setQueryData<ExerciseState>(key, (d) => (d ? { ...d, ...body } : d));
      return { previous };
    },
    onError: (e, _b, ctx) => {
      queryClient.setQueryData(key, ctx?.previous);
      toast({ color: 'red', title: 'Setting not saved', message: errorMessage(e) });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: key }),
  });
}
