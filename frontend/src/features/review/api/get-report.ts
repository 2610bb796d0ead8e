import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { reviewKeys } from './review-paths';

/** `language`: the edition to read (the scenario's words from its translation, drafted findings in that language); none: the source. */
export const getReport = (id: string, language?: string) =>
  api.get('/exercises/{id}/report', { path: { id }, query: { language } });
// a live draft follows the drill; a final report only changes when someone edits it
export const getReportQueryOptions = (id: string, language?: string) =>
  queryOptions({
    queryKey: [...reviewKeys.report(id), language ?? null] as const,
    queryFn: () => getReport(id, language),
    refetchInterval: (q) => (q.state.data?.state === 'final' ? false : 10_000),
  });
export const useReport = (id: string, language?: string) => useQuery(getReportQueryOptions(id, language));

export const getOwnReport = () => api.get('/play/report');
export const useOwnReport = () =>
  useQuery(queryOptions({ queryKey: reviewKeys.own, queryFn: getOwnReport, retry: false }));
