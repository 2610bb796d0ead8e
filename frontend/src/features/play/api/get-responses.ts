import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamResponse } from '../../../lib/api-types';

/** The team's shared response log. */
export const getResponses = () => api.get<TeamResponse[]>('/play/responses');
export const responsesQueryKey = ['play', 'responses'] as const;
export const getResponsesQueryOptions = () => queryOptions({ queryKey: responsesQueryKey, queryFn: getResponses });
export const useResponses = () => useQuery(getResponsesQueryOptions());
