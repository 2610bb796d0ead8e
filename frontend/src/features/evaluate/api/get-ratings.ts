import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { evaluateKeys } from './query-keys';

/** The latest P/S/M/U rating per team and objective. */
export const getRatings = (id: string) => api.get('/exercises/{id}/ratings', { path: { id } });
export const getRatingsQueryOptions = (id: string) =>
  queryOptions({ queryKey: evaluateKeys.ratings(id), queryFn: () => getRatings(id) });
export const useRatings = (id: string) => useQuery(getRatingsQueryOptions(id));
