import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { LoginBody } from '../../../lib/api-types';
import { resetSocket } from '../../../lib/socket';
import { forgetEverythingBut, type Session, sessionQueryKey } from './get-session';

export const login = (body: LoginBody) => api.post('/auth/login', { body });

export function useLogin(options: { onSuccess?: (session: Session) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (result) => {
      // the new cookie authenticates a fresh socket; nothing cached under the old session survives
      resetSocket();
      forgetEverythingBut(queryClient, sessionQueryKey);
      const session: Session = { kind: 'user', user: result.user };
      queryClient.setQueryData(sessionQueryKey, session);
      options.onSuccess?.(session);
    },
  });
}
