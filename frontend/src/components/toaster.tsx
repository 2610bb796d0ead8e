import { Notification, Stack } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToasts } from '../lib/toast';

export function Toaster() {
  const toasts = useSyncExternalStore(subscribeToasts, getToasts);
  return (
    <Stack gap="xs" role="status" aria-live="polite" style={{ position: 'fixed', bottom: 16, right: 16, zIndex: 400, width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      {toasts.map((t) => (
        <Notification key={t.id} title={t.title} color={t.color ?? 'blue'} onClose={() => dismissToast(t.id)} closeButtonProps={{ 'aria-label': 'Dismiss notification' }} withBorder>
          {t.message}
        </Notification>
      ))}
    </Stack>
  );
}
