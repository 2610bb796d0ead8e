import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Accounts (admin only): lets the breakdown name evaluators instead of showing account ids. */
export const getUsers = () => api.get('/users');
export const getUsersQueryOptions = () =>
  queryOptions({ queryKey: ['users'], queryFn: getUsers, staleTime: 5 * 60_000 });
export const useUsers = (enabled: boolean) => useQuery({ ...getUsersQueryOptions(), enabled });
