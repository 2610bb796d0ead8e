import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { type LocalClock, localClock } from '../../../lib/clock';
import { controlKeys } from './query-keys';

export type ExerciseState = Omit<ExerciseDetail, 'clock'> & { clock: LocalClock };

export const toExerciseState = (d: ExerciseDetail): ExerciseState => ({ ...d, clock: localClock(d.clock) });
export const getExercise = async (id: string): Promise<ExerciseState> =>
  toExerciseState(await api.get('/exercises/{id}', { path: { id } }));

export const getExerciseQueryOptions = (id: string) =>
  queryOptions({ queryKey: controlKeys.detail(id), queryFn: () => getExercise(id) });
export const useExercise = (id: string) => useQuery(getExerciseQueryOptions(id));
