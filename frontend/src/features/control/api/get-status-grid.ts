import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const getStatusGrid = (id: string) => api.get('/exercises/{id}/status-grid', { path: { id } });
// overdue flips with the clock alone, so the grid also refreshes on a slow timer
export const getStatusGridQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.grid(id), queryFn: () => getStatusGrid(id), refetchInterval: 15_000 });
export const useStatusGrid = (id: string) => useQuery(getStatusGridQueryOptions(id));
