import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CreateThreadBody, RfiThread } from '../../../lib/api-types';
import { threadsQueryKey } from './get-threads';

export const createThread = (body: CreateThreadBody) => api.post('/play/threads', { body });

export function useCreateThread(options: { onSuccess?: (t: RfiThread) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createThread,
    onSuccess: (t) => {
      queryClient.setQueryData<RfiThread[]>(threadsQueryKey, (list = []) => [t, ...list.filter((x) => x.id !== t.id)]);
      options.onSuccess?.(t);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: threadsQueryKey }),
  });
}
