import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const getExerciseThreads = (id: string) => api.get('/exercises/{id}/threads', { path: { id } });
export const getExerciseThreadsQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.threads(id), queryFn: () => getExerciseThreads(id) });
export const useExerciseThreads = (id: string, enabled = true) =>
  useQuery({ ...getExerciseThreadsQueryOptions(id), enabled });
