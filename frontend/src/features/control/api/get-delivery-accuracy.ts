import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { DeliveryAccuracySummary } from '../../../../../backend/src/reports/report-model';
import { controlKeys } from './query-keys';

/** GET /exercises/:id/delivery-accuracy (backend/src/delivery/delivery-timing.ts) */
export interface DeliveryAccuracy extends DeliveryAccuracySummary {
  late: { injectId: string; teamId: string; dueAtMs: number; broadcastStartedAtMs: number | null; latenessMs: number | null }[];
  processes: Record<string, number>;
}

export const getDeliveryAccuracy = (id: string) => api.get('/exercises/{id}/delivery-accuracy', { path: { id } });
/** a broadcast's timing is written just after it goes out: while the drill runs, re-read every few seconds */
export const getDeliveryAccuracyQueryOptions = (id: string, live: boolean) =>
  queryOptions({ queryKey: [...controlKeys.exercise(id), 'delivery-accuracy'] as const, queryFn: () => getDeliveryAccuracy(id), refetchInterval: live ? 5000 : false });
export const useDeliveryAccuracy = (id: string, live: boolean) => useQuery(getDeliveryAccuracyQueryOptions(id, live));
