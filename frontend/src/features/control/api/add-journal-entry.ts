import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const addJournalEntry = (id: string, text: string) =>
  api.post('/exercises/{id}/journal', { path: { id }, body: { text } });

export function useAddJournalEntry(exerciseId: string, options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => addJournalEntry(exerciseId, text),
    onSuccess: () => options.onSuccess?.(),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: controlKeys.events(exerciseId) }),
  });
}
