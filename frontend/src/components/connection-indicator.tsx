import { useTranslation } from 'react-i18next';
import { Badge } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { type ConnectionState, getConnectionState, subscribeConnectionState } from '../lib/socket';

const COLOURS: Record<ConnectionState, string> = {
  connected: 'teal',
  connecting: 'gray',
  reconnecting: 'orange',
  offline: 'red',
};

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeConnectionState, getConnectionState);
}

export function ConnectionIndicator() {
  const { t } = useTranslation();
  const state = useConnectionState();
  const color = COLOURS[state];
  const label = t(`connection.${state}`);
  const hint = t(`connection.${state}Hint`);
  return (
    <Badge
      color={color}
      variant="dot"
      role="status"
      aria-live="polite"
      aria-label={t('connection.label', { label, hint })}
      title={hint}
      data-connection={state}
      className="ttx-connection"
    >
      {label}
    </Badge>
  );
}
