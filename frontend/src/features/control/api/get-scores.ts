import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** Live totals and breakdown per team (control roles). */
export const getScores = (id: string) => api.get('/exercises/{id}/scores', { path: { id } });
export const getScoresQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.scores(id), queryFn: () => getScores(id) });
export const useScores = (id: string, enabled = true) => useQuery({ ...getScoresQueryOptions(id), enabled });
