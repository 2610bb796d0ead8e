import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export const getThreads = () => api.get('/play/threads');
export const threadsQueryKey = ['play', 'threads'] as const;
export const getThreadsQueryOptions = () => queryOptions({ queryKey: threadsQueryKey, queryFn: getThreads });
export const useThreads = () => useQuery(getThreadsQueryOptions());
