import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { threadsQueryKey } from './get-threads';

export const postThreadMessage = ({ threadId, text }: { threadId: string; text: string }) =>
  api.post('/play/threads/{threadId}/messages', { path: { threadId }, body: { text } });

export function usePostThreadMessage(options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: postThreadMessage,
    onSuccess: () => options.onSuccess?.(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey }),
  });
}
