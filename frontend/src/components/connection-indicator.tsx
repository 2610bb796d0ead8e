import { Badge } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { type ConnectionState, getConnectionState, subscribeConnectionState } from '../lib/socket';

const LABELS: Record<ConnectionState, { label: string; color: string; hint: string }> = {
  connected: { label: 'Connected', color: 'teal', hint: 'Connected to the server: injects and updates arrive as they happen.' },
  connecting: { label: 'Connecting', color: 'gray', hint: 'Opening the live connection…' },
  reconnecting: { label: 'Reconnecting', color: 'orange', hint: 'The live connection dropped. The page will catch up as soon as it is back.' },
  offline: { label: 'Offline', color: 'red', hint: 'No live connection.' },
};

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeConnectionState, getConnectionState);
}

export function ConnectionIndicator() {
  const state = useConnectionState();
  const { label, color, hint } = LABELS[state];
  return (
    <Badge color={color} variant="dot" role="status" aria-live="polite" aria-label={`Connection: ${label}. ${hint}`} title={hint} data-connection={state} className="ttx-connection">
      {label}
    </Badge>
  );
}
