import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const getTimeline = (id: string) => api.get('/exercises/{id}/timeline', { path: { id } });
export const getTimelineQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.timeline(id), queryFn: () => getTimeline(id) });
export const useTimeline = (id: string) => useQuery(getTimelineQueryOptions(id));
