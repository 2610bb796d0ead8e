import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { localClock } from '../../../lib/clock';
import { playerSessionQueryKey, type PlayerSessionState } from './get-player-session';

/** The player reads scenario content in another language: the session answers, and every player query reloads in it. */
export const setContentLanguage = (language: string) => api.put('/play/language', { body: { language } });

export function useSetContentLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setContentLanguage,
    onSuccess: (s) => {
      queryClient.setQueryData<PlayerSessionState>(playerSessionQueryKey, { ...s, clock: localClock(s.clock) });
      void queryClient.invalidateQueries({ queryKey: ['play'] });
    },
  });
}
