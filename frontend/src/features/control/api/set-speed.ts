import { api } from '../../../lib/api-client';
import type { ExerciseDetail, SpeedBody } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';
import { exercisePath } from './query-keys';

export const setSpeed = (id: string, body: SpeedBody) => api.post<ExerciseDetail>(exercisePath(id, '/speed'), body);
export const useSetSpeed = (id: string) => useClockMutation(id, (speed: number) => setSpeed(id, { speed }), 'change the speed');
