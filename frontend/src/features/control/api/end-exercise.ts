import { api } from '../../../lib/api-client';
import { useClockMutation } from './clock-mutation';

export const endExercise = (id: string) => api.post('/exercises/{id}/end', { path: { id } });
export const useEndExercise = (id: string) => useClockMutation(id, () => endExercise(id), 'end the exercise');
