import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { type LocalClock, localClock } from '../../../lib/clock';
import { evaluateKeys } from './query-keys';

export type EvaluatedExercise = Omit<ExerciseDetail, 'clock'> & { clock: LocalClock };

export const getEvaluatedExercise = async (id: string): Promise<EvaluatedExercise> => {
  const d = await api.get('/exercises/{id}', { path: { id } });
  return { ...d, clock: localClock(d.clock) };
};
export const getEvaluatedExerciseQueryOptions = (id: string) =>
  queryOptions({ queryKey: evaluateKeys.detail(id), queryFn: () => getEvaluatedExercise(id) });
export const useEvaluatedExercise = (id: string) => useQuery(getEvaluatedExerciseQueryOptions(id));
