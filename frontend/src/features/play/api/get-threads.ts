import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { RfiThread } from '../../../lib/api-types';

export const getThreads = () => api.get<RfiThread[]>('/play/threads');
export const threadsQueryKey = ['play', 'threads'] as const;
export const getThreadsQueryOptions = () => queryOptions({ queryKey: threadsQueryKey, queryFn: getThreads });
export const useThreads = () => useQuery(getThreadsQueryOptions());
