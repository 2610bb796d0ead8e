import { Notification, Stack } from '@mantine/core';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { dismissToast, getToasts, subscribeToasts } from '../lib/toast';

// below the console's phone breakpoint notifications sit in a reserved strip at the bottom
const NARROW = '(max-width: 61.99em)';

/**
 * Notifications, bottom right. On a phone they span the bottom of the screen and the height they
 * take is published as --ttx-toast-space, which the console reserves: a notification never covers
 * the Back button, the composer or the section bar.
 */
export function Toaster() {
  const { t } = useTranslation();
  const toasts = useSyncExternalStore(subscribeToasts, getToasts);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const publish = () => {
      const narrow = window.matchMedia(NARROW).matches;
      const h = narrow && el.childElementCount > 0 ? Math.ceil(el.getBoundingClientRect().height) + 16 : 0;
      root.style.setProperty('--ttx-toast-space', `${h}px`);
    };
    const observer = new ResizeObserver(publish);
    observer.observe(el);
    window.addEventListener('resize', publish);
    publish();
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', publish);
      root.style.removeProperty('--ttx-toast-space');
    };
  }, []);
  return (
    <Stack ref={box} gap="xs" role="status" aria-live="polite" className="ttx-toaster" data-testid="toaster">
      {toasts.map((n) => (
        <Notification
          key={n.id}
          title={n.title}
          color={n.color ?? 'blue'}
          onClose={() => dismissToast(n.id)}
          closeButtonProps={{ 'aria-label': t('dismissNotification') }}
          withBorder
        >
          {n.message}
        </Notification>
      ))}
    </Stack>
  );
}
