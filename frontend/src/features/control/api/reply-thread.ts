import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys, exercisePath } from './query-keys';

/** Answer a request in character, as the thread's party (or as exercise control). */
export const replyThread = (id: string, threadId: string, text: string) => api.post<unknown>(exercisePath(id, `/threads/${encodeURIComponent(threadId)}/messages`), { text });

export function useReplyThread(exerciseId: string, options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ threadId, text }: { threadId: string; text: string }) => replyThread(exerciseId, threadId, text),
    onSuccess: () => options.onSuccess?.(),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: controlKeys.threads(exerciseId) }),
  });
}
