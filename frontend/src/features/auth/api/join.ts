import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { JoinBody } from '../../../lib/api-types';
import { resetSocket } from '../../../lib/socket';
import { forgetEverythingBut, type Session, sessionQueryKey } from './get-session';

export const joinExercise = (body: JoinBody) => api.post('/join', { body });

export function useJoinExercise(options: { onSuccess?: (session: Session) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: joinExercise,
    onSuccess: ({ token: _token, ...player }) => {
      resetSocket();
      forgetEverythingBut(queryClient, sessionQueryKey);
      const session: Session = { kind: 'participant', player };
      queryClient.setQueryData(sessionQueryKey, session);
      options.onSuccess?.(session);
    },
  });
}
