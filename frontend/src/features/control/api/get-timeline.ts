import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TimelineEntry } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

export const getTimeline = (id: string) => api.get<TimelineEntry[]>(exercisePath(id, '/timeline'));
export const getTimelineQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.timeline(id), queryFn: () => getTimeline(id) });
export const useTimeline = (id: string) => useQuery(getTimelineQueryOptions(id));
