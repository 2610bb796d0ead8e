import { api } from '../../../lib/api-client';
import type { ExerciseDetail, StartExerciseBody } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';
import { exercisePath } from './query-keys';

export const startExercise = (id: string, body: StartExerciseBody = {}) => api.post<ExerciseDetail>(exercisePath(id, '/start'), body);
export const useStartExercise = (id: string) => useClockMutation(id, (body: StartExerciseBody | undefined) => startExercise(id, body), 'start the exercise');
