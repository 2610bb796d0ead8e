import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamAck } from '../../../lib/api-types';
import { acksQueryKey } from './get-acks';

export const acknowledgeInject = (injectId: string) => api.post('/play/injects/{injectId}/ack', { path: { injectId } });

export function useAcknowledgeInject(me: { participantId: string; displayName: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acknowledgeInject,
    // answer at once; the server's list replaces the guess when it arrives
    onMutate: async (injectId) => {
      await queryClient.cancelQueries({ queryKey: acksQueryKey });
      const previous = queryClient.getQueryData<TeamAck[]>(acksQueryKey);
      queryClient.setQueryData<TeamAck[]>(acksQueryKey, (acks = []) =>
        acks.some((a) => a.injectId === injectId && a.participantId === me.participantId)
          ? acks
          : [...acks, { injectId, participantId: me.participantId, displayName: me.displayName, at: Date.now() }],
      );
      return { previous };
    },
    onError: (_e, _id, ctx) => queryClient.setQueryData(acksQueryKey, ctx?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: acksQueryKey }),
  });
}
