import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExerciseEvent } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

/** The exercise event log (control roles only). */
export const getEvents = (id: string, after = 0) => api.get<ExerciseEvent[]>(exercisePath(id, `/events?after=${after}`));
export const getEventsQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.events(id), queryFn: () => getEvents(id) });
export const useEvents = (id: string, enabled = true) => useQuery({ ...getEventsQueryOptions(id), enabled });
