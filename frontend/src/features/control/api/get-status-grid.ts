import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { StatusGrid } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

export const getStatusGrid = (id: string) => api.get<StatusGrid>(exercisePath(id, '/status-grid'));
// overdue flips with the clock alone, so the grid also refreshes on a slow timer
export const getStatusGridQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.grid(id), queryFn: () => getStatusGrid(id), refetchInterval: 15_000 });
export const useStatusGrid = (id: string) => useQuery(getStatusGridQueryOptions(id));
