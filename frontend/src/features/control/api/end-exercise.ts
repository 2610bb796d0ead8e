import { api } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';
import { exercisePath } from './query-keys';

export const endExercise = (id: string) => api.post<ExerciseDetail>(exercisePath(id, '/end'));
export const useEndExercise = (id: string) => useClockMutation(id, () => endExercise(id), 'end the exercise');
