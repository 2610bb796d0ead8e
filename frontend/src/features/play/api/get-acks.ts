import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { TeamAck } from '../../../lib/api-types';

export const getAcks = () => api.get<TeamAck[]>('/play/acks');
export const acksQueryKey = ['play', 'acks'] as const;
export const getAcksQueryOptions = () => queryOptions({ queryKey: acksQueryKey, queryFn: getAcks });
export const useAcks = () => useQuery(getAcksQueryOptions());
