import { Alert } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';
import { dismissSystemStatus, getSystemStatus, subscribeSystemStatus } from '../lib/socket';
import { useTranslation } from 'react-i18next';

/**
 * App-wide: while the platform cannot take changes (Redis unreachable) every open page says so,
 * so nobody mistakes a stalled drill for a quiet one; when it is back, a closable notice says that.
 */
export function SystemStatusBanner() {
  const { t } = useTranslation();
  const status = useSyncExternalStore(subscribeSystemStatus, getSystemStatus);
  if (!status) return null;
  const down = status.redis === 'unreachable';
  return (
    <Alert
      className="ttx-system-banner"
      role={down ? 'alert' : 'status'}
      data-testid="system-status"
      data-redis={status.redis}
      color={down ? 'red.9' : 'teal.9'}
      variant="filled"
      radius={0}
      py={6}
      icon={down ? <IconAlertTriangle size={18} aria-hidden /> : <IconCircleCheck size={18} aria-hidden />}
      withCloseButton={!down}
      closeButtonLabel={t('dismiss')}
      onClose={dismissSystemStatus}
    >
      {down ? t('system.redisDown') : t('system.redisBack')}
    </Alert>
  );
}
