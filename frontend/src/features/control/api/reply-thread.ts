import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** Answer a request in character, as the thread's party (or as exercise control). */
export const replyThread = (id: string, threadId: string, text: string) =>
  api.post('/exercises/{id}/threads/{threadId}/messages', { path: { id, threadId }, body: { text } });

export function useReplyThread(exerciseId: string, options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, text }: { threadId: string; text: string }) => replyThread(exerciseId, threadId, text),
    onSuccess: () => options.onSuccess?.(),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: controlKeys.threads(exerciseId) }),
  });
}
