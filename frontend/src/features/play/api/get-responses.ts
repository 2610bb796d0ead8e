import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamResponse } from '../../../lib/api-types';

/** The team's shared response log. */
export const getResponses = () => api.get('/play/responses');
export const responsesQueryKey = ['play', 'responses'] as const;
export const getResponsesQueryOptions = () => queryOptions({ queryKey: responsesQueryKey, queryFn: getResponses });
export const useResponses = () => useQuery(getResponsesQueryOptions());

const time = (v: number | string) => new Date(v).getTime();

/** The team's log with this response added or replaced (newest first, as the API lists it); unchanged if not loaded yet. */
export function upsertResponse(list: TeamResponse[] | undefined, response: TeamResponse): TeamResponse[] | undefined {
  if (!list) return list;
  return [response, ...list.filter((r) => r.id !== response.id)].sort((a, b) => time(b.createdAt) - time(a.createdAt));
}
