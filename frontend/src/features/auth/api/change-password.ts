import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ChangePasswordBody } from '../../../lib/api-types';
import { reconnectSocket } from '../../../lib/socket';
import { type Session, sessionQueryKey } from './get-session';

export const changePassword = (body: ChangePasswordBody) => api.post('/auth/password', { body });

/** Every session of the account ends on the server; the new cookie carries a fresh one, and the socket reconnects with it. */
export function useChangePassword(options: { onSuccess?: (session: Session) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (result) => {
      reconnectSocket();
      const session: Session = { kind: 'user', user: result.user };
      queryClient.setQueryData(sessionQueryKey, session);
      options.onSuccess?.(session);
    },
  });
}
