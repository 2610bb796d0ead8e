import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamScore } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

/** Live totals and breakdown per team (control roles). */
export const getScores = (id: string) => api.get<TeamScore[]>(exercisePath(id, '/scores'));
export const getScoresQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.scores(id), queryFn: () => getScores(id) });
export const useScores = (id: string, enabled = true) => useQuery({ ...getScoresQueryOptions(id), enabled });
