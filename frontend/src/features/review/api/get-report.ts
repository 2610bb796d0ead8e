import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { reviewKeys } from './review-paths';

export const getReport = (id: string) => api.get('/exercises/{id}/report', { path: { id } });
// a live draft follows the drill; a final report only changes when someone edits it
export const getReportQueryOptions = (id: string) =>
  queryOptions({
    queryKey: reviewKeys.report(id),
    queryFn: () => getReport(id),
    refetchInterval: (q) => (q.state.data?.state === 'final' ? false : 10_000),
  });
export const useReport = (id: string) => useQuery(getReportQueryOptions(id));

export const getOwnReport = () => api.get('/play/report');
export const useOwnReport = () =>
  useQuery(queryOptions({ queryKey: reviewKeys.own, queryFn: getOwnReport, retry: false }));
