import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ApiBody, ApiResponse } from '../../../lib/api-client';
import type { Role } from '../../../lib/api-types';

export type CreateUserBody = ApiBody<'/users', 'post'>;
export type AccountRow = ApiResponse<'/users'>[number];
export type CreatedUser = ApiResponse<'/users', 'post'>;
export type ActiveSession = ApiResponse<'/sessions'>[number];

export const accountsKey = ['admin', 'accounts'] as const;
export const sessionsKey = ['admin', 'sessions'] as const;

export const accountsQueryOptions = () => queryOptions({ queryKey: accountsKey, queryFn: () => api.get('/users') });
export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: sessionsKey, queryFn: () => api.get('/sessions'), refetchInterval: 15_000 });
export const useAccounts = () => useQuery(accountsQueryOptions());
export const useActiveSessions = () => useQuery(sessionsQueryOptions());

/** Every account action changes sessions too: both lists are read again. */
function useAdminMutation<TArg, TResult>(fn: (arg: TArg) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // not awaited: the result (a one-time password) is shown at once, the lists catch up
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: accountsKey });
      void queryClient.invalidateQueries({ queryKey: sessionsKey });
    },
  });
}

export const useCreateAccount = () => useAdminMutation((body: CreateUserBody) => api.post('/users', { body }));
export const useChangeRole = () =>
  useAdminMutation(({ id, role }: { id: string; role: Role }) =>
    api.post('/users/{userId}/role', { path: { userId: id }, body: { role } }),
  );
export const useSetDisabled = () =>
  useAdminMutation(({ id, disabled }: { id: string; disabled: boolean }) =>
    disabled
      ? api.post('/users/{userId}/disable', { path: { userId: id } })
      : api.post('/users/{userId}/enable', { path: { userId: id } }),
  );
export const useResetPassword = () =>
  useAdminMutation((id: string) => api.post('/users/{userId}/reset-password', { path: { userId: id } }));
export const useDeleteAccount = () =>
  useAdminMutation((id: string) => api.delete('/users/{userId}', { path: { userId: id } }));
export const useEndSession = () =>
  useAdminMutation((id: string) => api.delete('/sessions/{sessionId}', { path: { sessionId: id } }));
