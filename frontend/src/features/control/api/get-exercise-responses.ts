import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** how many of the most recently changed responses the feed shows (the report has every one) */
export const FEED_SIZE = 200;
export type ResponseFeedPage = ApiResponse<'/exercises/{id}/responses'>;

export const getExerciseResponses = (id: string) =>
  api.get('/exercises/{id}/responses', { path: { id }, query: { limit: FEED_SIZE } });
export const getExerciseResponsesQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.responses(id), queryFn: () => getExerciseResponses(id) });
export const useExerciseResponses = (id: string) => useQuery(getExerciseResponsesQueryOptions(id));
