import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

export const getExercises = () => api.get('/exercises');
export const getExercisesQueryOptions = () =>
  queryOptions({ queryKey: controlKeys.exercises, queryFn: getExercises, staleTime: 5_000 });
export const useExercises = () => useQuery(getExercisesQueryOptions());
