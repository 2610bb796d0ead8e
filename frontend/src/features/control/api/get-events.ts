import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** The exercise event log (control roles only). */
export const getEvents = (id: string, after = 0) =>
  api.get('/exercises/{id}/events', { path: { id }, query: { after } });
export const getEventsQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.events(id), queryFn: () => getEvents(id) });
export const useEvents = (id: string, enabled = true) => useQuery({ ...getEventsQueryOptions(id), enabled });
