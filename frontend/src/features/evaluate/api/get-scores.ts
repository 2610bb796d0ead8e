import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamScore } from '../../../lib/api-types';
import { evaluateKeys, exercisePath } from './query-keys';

/** Live score breakdown of every team. */
export const getScores = (id: string) => api.get<TeamScore[]>(exercisePath(id, '/scores'));
export const getScoresQueryOptions = (id: string) => queryOptions({ queryKey: evaluateKeys.scores(id), queryFn: () => getScores(id) });
export const useScores = (id: string) => useQuery(getScoresQueryOptions(id));
