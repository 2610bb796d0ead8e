import { api } from '../../../lib/api-client';
import type { StartExerciseBody } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';

export const startExercise = (id: string, body: StartExerciseBody = {}) =>
  api.post('/exercises/{id}/start', { path: { id }, body });
export const useStartExercise = (id: string) =>
  useClockMutation(id, (body: StartExerciseBody | undefined) => startExercise(id, body), 'start the exercise');
