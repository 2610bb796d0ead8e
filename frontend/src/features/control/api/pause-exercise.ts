import { api } from '../../../lib/api-client';
import type { ExerciseDetail } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';
import { exercisePath } from './query-keys';

export const pauseExercise = (id: string) => api.post<ExerciseDetail>(exercisePath(id, '/pause'));
export const usePauseExercise = (id: string) => useClockMutation(id, () => pauseExercise(id), 'pause');
