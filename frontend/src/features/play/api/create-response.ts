import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CreateResponseBody, TeamResponse } from '../../../lib/api-types';
import { responsesQueryKey } from './get-responses';

export const createResponse = (body: CreateResponseBody) => api.post('/play/responses', { body });

export function useCreateResponse(options: { onSuccess?: (r: TeamResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createResponse,
    onSuccess: (created) => {
      queryClient.setQueryData<TeamResponse[]>(responsesQueryKey, (list = []) => [
        created,
        ...list.filter((r) => r.id !== created.id),
      ]);
      options.onSuccess?.(created);
    },
  });
}
