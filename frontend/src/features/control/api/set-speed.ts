import { api } from '../../../lib/api-client';
import type { SpeedBody } from '../../../lib/api-types';
import { useClockMutation } from './clock-mutation';

export const setSpeed = (id: string, body: SpeedBody) => api.post('/exercises/{id}/speed', { path: { id }, body });
export const useSetSpeed = (id: string) =>
  useClockMutation(id, (speed: number) => setSpeed(id, { speed }), 'change the speed');
