import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { evaluateKeys } from './query-keys';

/** Live score breakdown of every team. */
export const getScores = (id: string) => api.get('/exercises/{id}/scores', { path: { id } });
export const getScoresQueryOptions = (id: string) =>
  queryOptions({ queryKey: evaluateKeys.scores(id), queryFn: () => getScores(id) });
export const useScores = (id: string) => useQuery(getScoresQueryOptions(id));
