import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ControlDecision } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

/** Every decision opened so far, with every member team's vote. */
export const getDecisions = (id: string) => api.get<ControlDecision[]>(exercisePath(id, '/decisions'));
export const getDecisionsQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.decisions(id), queryFn: () => getDecisions(id) });
export const useDecisions = (id: string) => useQuery(getDecisionsQueryOptions(id));
