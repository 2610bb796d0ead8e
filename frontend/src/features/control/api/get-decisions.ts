import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** Every decision opened so far, with every member team's vote. */
export const getDecisions = (id: string) => api.get('/exercises/{id}/decisions', { path: { id } });
export const getDecisionsQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.decisions(id), queryFn: () => getDecisions(id) });
export const useDecisions = (id: string) => useQuery(getDecisionsQueryOptions(id));
