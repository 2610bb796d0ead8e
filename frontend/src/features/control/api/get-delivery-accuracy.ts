import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type ApiResponse } from '../../../lib/api-client';
import { controlKeys } from './query-keys';

/** GET /exercises/:id/delivery-accuracy (backend/src/delivery/delivery-timing.ts) */
export type DeliveryAccuracy = ApiResponse<'/exercises/{id}/delivery-accuracy'>;

export const getDeliveryAccuracy = (id: string) => api.get('/exercises/{id}/delivery-accuracy', { path: { id } });
/** a broadcast's timing is written just after it goes out: while the drill runs, re-read every few seconds */
export const getDeliveryAccuracyQueryOptions = (id: string, live: boolean) =>
  queryOptions({
    queryKey: [...controlKeys.exercise(id), 'delivery-accuracy'] as const,
    queryFn: () => getDeliveryAccuracy(id),
    refetchInterval: live ? 5000 : false,
  });
export const useDeliveryAccuracy = (id: string, live: boolean) => useQuery(getDeliveryAccuracyQueryOptions(id, live));
