import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PublicUser } from '../../../lib/api-types';

/** Accounts (admin only): lets the breakdown name evaluators instead of showing account ids. */
export const getUsers = () => api.get<PublicUser[]>('/users');
export const getUsersQueryOptions = () => queryOptions({ queryKey: ['users'], queryFn: getUsers, staleTime: 5 * 60_000 });
export const useUsers = (enabled: boolean) => useQuery({ ...getUsersQueryOptions(), enabled });
