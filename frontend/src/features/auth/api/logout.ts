import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { resetSocket } from '../../../lib/socket';
import { forgetEverythingBut, type Session, sessionQueryKey } from './get-session';

export const logout = () => api.post('/auth/logout');

export function useLogout(options: { onSuccess?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      resetSocket();
      forgetEverythingBut(queryClient, sessionQueryKey);
      queryClient.setQueryData<Session>(sessionQueryKey, { kind: 'anonymous' });
      options.onSuccess?.();
    },
  });
}
