import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PlayerDecision, VoteBody } from '../../../lib/api-types';
import { decisionsQueryKey } from './get-decisions';

/** Cast or change the team's vote; the server answers with the team's decisions. */
export const castVote = (body: VoteBody) => api.post('/play/votes', { body });

export function useCastVote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: castVote,
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: decisionsQueryKey });
      const previous = queryClient.getQueryData<PlayerDecision[]>(decisionsQueryKey);
      queryClient.setQueryData<PlayerDecision[]>(decisionsQueryKey, (list) =>
        list?.map((d) =>
          d.decisionId === body.decisionId
            ? {
                ...d,
                myVote: {
                  teamId: d.myVote?.teamId ?? '',
                  choice: body.choice,
                  reason: body.reason?.trim() || null,
                  at: Date.now(),
                  participantName: d.myVote?.participantName ?? '',
                },
              }
            : d,
        ),
      );
      return { previous };
    },
    onSuccess: (list) => queryClient.setQueryData(decisionsQueryKey, list),
    onError: (_e, _b, ctx) => queryClient.setQueryData(decisionsQueryKey, ctx?.previous),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: decisionsQueryKey }),
  });
}
