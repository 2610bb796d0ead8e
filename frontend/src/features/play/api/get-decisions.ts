import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The decisions the team takes part in, with its own vote only (never another team's). */
export const getDecisions = () => api.get('/play/decisions');
export const decisionsQueryKey = ['play', 'decisions'] as const;
// a facilitator's deadline extension reaches the control room only (no event to teams): while a
// decision is open, look again now and then so the deadline shown stays right
export const getDecisionsQueryOptions = () =>
  queryOptions({
    queryKey: decisionsQueryKey,
    queryFn: getDecisions,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'open') ? 30_000 : false),
  });
export const useDecisions = (enabled = true) => useQuery({ ...getDecisionsQueryOptions(), enabled });
