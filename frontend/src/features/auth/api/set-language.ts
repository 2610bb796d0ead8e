import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../../lib/api-client';
import { currentLanguage, type InterfaceLanguage, setInterfaceLanguage } from '../../../i18n/i18n';
import { type Session, sessionQueryKey } from './get-session';

export const setAccountLanguage = (language: InterfaceLanguage) => api.put('/auth/me/language', { body: { language } });

/** Keep the interface language on the staff account, so every browser it signs in on opens in it. */
export function useSetAccountLanguage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAccountLanguage,
    onSuccess: (user) => {
      const session: Session = { kind: 'user', user };
      queryClient.setQueryData(sessionQueryKey, session);
    },
  });
}

/**
 * The account's language wins once a staff member is signed in (sign-in, single sign-on, a page
 * opened with the cookie); before that, the language this browser remembers.
 */
export function useAccountLanguage(session: Session | undefined): void {
  const chosen = session?.kind === 'user' ? session.user.language : null;
  useEffect(() => {
    if (chosen && chosen !== currentLanguage()) void setInterfaceLanguage(chosen);
  }, [chosen]);
}
