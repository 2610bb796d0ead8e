import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ControlThread } from '../../../lib/api-types';
import { controlKeys, exercisePath } from './query-keys';

export const getExerciseThreads = (id: string) => api.get<ControlThread[]>(exercisePath(id, '/threads'));
export const getExerciseThreadsQueryOptions = (id: string) => queryOptions({ queryKey: controlKeys.threads(id), queryFn: () => getExerciseThreads(id) });
export const useExerciseThreads = (id: string, enabled = true) => useQuery({ ...getExerciseThreadsQueryOptions(id), enabled });
