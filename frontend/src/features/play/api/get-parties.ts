import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** Outside parties the scenario lets players write to (the bank, the ministry, a journalist…). */
export const getParties = () => api.get('/play/parties');
export const partiesQueryKey = ['play', 'parties'] as const;
export const getPartiesQueryOptions = () =>
  queryOptions({ queryKey: partiesQueryKey, queryFn: getParties, staleTime: 5 * 60_000 });
export const useParties = () => useQuery(getPartiesQueryOptions());
