import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ObjectiveRating } from '../../../lib/api-types';
import { evaluateKeys, exercisePath } from './query-keys';

/** The latest P/S/M/U rating per team and objective. */
export const getRatings = (id: string) => api.get<ObjectiveRating[]>(exercisePath(id, '/ratings'));
export const getRatingsQueryOptions = (id: string) => queryOptions({ queryKey: evaluateKeys.ratings(id), queryFn: () => getRatings(id) });
export const useRatings = (id: string) => useQuery(getRatingsQueryOptions(id));
