import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamResponse, UpdateResponseBody } from '../../../lib/api-types';
import { responsesQueryKey } from './get-responses';

export const updateResponse = ({ id, ...body }: UpdateResponseBody & { id: string }) =>
  api.put('/play/responses/{id}', { path: { id }, body });

export function useUpdateResponse(options: { onSuccess?: (r: TeamResponse) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateResponse,
    onSuccess: (updated) => {
      queryClient.setQueryData<TeamResponse[]>(responsesQueryKey, (list = []) =>
        list.map((r) => (r.id === updated.id ? updated : r)),
      );
      options.onSuccess?.(updated);
    },
  });
}
