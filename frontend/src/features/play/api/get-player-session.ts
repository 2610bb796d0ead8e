import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { PlayerSession } from '../../../lib/api-types';
import { type LocalClock, localClock } from '../../../lib/clock';

export type PlayerSessionState = Omit<PlayerSession, 'clock'> & { clock: LocalClock };

export const getPlayerSession = async (): Promise<PlayerSessionState> => {
  const s = await api.get('/play/session');
  return { ...s, clock: localClock(s.clock) };
};

export const playerSessionQueryKey = ['play', 'session'] as const;
export const getPlayerSessionQueryOptions = () =>
  queryOptions({ queryKey: playerSessionQueryKey, queryFn: getPlayerSession });
export const usePlayerSession = () => useQuery(getPlayerSessionQueryOptions());
