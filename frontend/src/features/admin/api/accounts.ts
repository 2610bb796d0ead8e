import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';
import type { PublicUser, RequestBody, Role } from '../../../lib/api-types';

export type CreateUserBody = RequestBody<'/api/users', 'post'>;
export interface AccountRow extends PublicUser {
  /** open sessions (signed-in browsers) */
  sessions: number;
}
export interface CreatedUser extends PublicUser {
  oneTimePassword?: string;
}
export interface ActiveSession {
  id: string;
  kind: 'user' | 'participant';
  name: string;
  role: Role | null;
  team: string | null;
  exercise: string | null;
  createdAt: number;
  expiresAt: number;
  userAgent: string | null;
  address: string | null;
  passwordChangeOnly: boolean;
}

export const accountsKey = ['admin', 'accounts'] as const;
export const sessionsKey = ['admin', 'sessions'] as const;

export const accountsQueryOptions = () => queryOptions({ queryKey: accountsKey, queryFn: () => api.get<AccountRow[]>('/users') });
export const sessionsQueryOptions = () => queryOptions({ queryKey: sessionsKey, queryFn: () => api.get<ActiveSession[]>('/sessions'), refetchInterval: 15_000 });
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

export const useCreateAccount = () => useAdminMutation((body: CreateUserBody) => api.post<CreatedUser>('/users', body));
export const useChangeRole = () => useAdminMutation(({ id, role }: { id: string; role: Role }) => api.post<PublicUser>(`/users/${id}/role`, { role }));
export const useSetDisabled = () => useAdminMutation(({ id, disabled }: { id: string; disabled: boolean }) => api.post<PublicUser>(`/users/${id}/${disabled ? 'disable' : 'enable'}`));
export const useResetPassword = () => useAdminMutation((id: string) => api.post<{ user: PublicUser; oneTimePassword: string }>(`/users/${id}/reset-password`));
export const useDeleteAccount = () => useAdminMutation((id: string) => apiRequest<void>('DELETE', `/users/${id}`));
export const useEndSession = () => useAdminMutation((id: string) => apiRequest<void>('DELETE', `/sessions/${id}`));
