import { io, type Socket } from 'socket.io-client';
import type { SystemStatus } from './api-types';
import type { ClientToServerEvents, ServerToClientEvents } from './socket-events';
import { RECONNECT_OPTIONS } from './reconnect';

export type TtxSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/**
 * One socket per page. The handshake is authenticated by the session cookie, so the socket is
 * (re)created whenever the session changes (login, join, logout).
 */
let socket: TtxSocket | null = null;
let state: ConnectionState = 'offline';
let everConnected = false;
const stateListeners = new Set<() => void>();
const connectListeners = new Set<(info: { reconnect: boolean }) => void>();
/** the platform's own health as the server last told it (`system:status`); null until it says otherwise */
let systemStatus: SystemStatus | null = null;
const systemListeners = new Set<() => void>();

function setSystemStatus(next: SystemStatus | null) {
  systemStatus = next;
  for (const l of systemListeners) l();
}

function setState(next: ConnectionState) {
  state = next;
  for (const l of stateListeners) l();
}

export function getSocket(): TtxSocket {
  if (socket) return socket;
  const s: TtxSocket = io({
    path: '/socket.io',
    transports: ['websocket'],
    withCredentials: true,
    ...RECONNECT_OPTIONS,
  });
  everConnected = false;
  setState('connecting');
  s.on('connect', () => setState('connected'));
  // resync once the server has put this socket in its rooms ('session:ready' follows the join), not
  // on 'connect': an inject revealed between a connect-time re-read and the join would be missed
  s.on('session:ready', () => {
    const reconnect = everConnected;
    everConnected = true;
    for (const l of connectListeners) l({ reconnect });
  });
  s.on('disconnect', (reason) => {
    // the server drops sockets whose session it rejects; those stay down until the session changes
    setState(reason === 'io server disconnect' ? 'offline' : 'reconnecting');
  });
  s.io.on('reconnect_attempt', () => setState('reconnecting'));
  s.on('connect_error', () => setState(everConnected ? 'reconnecting' : 'connecting'));
  // app-wide, whatever page is open: the banner must not depend on a page remembering to listen
  s.on('system:status', (e) => setSystemStatus(e));
  socket = s;
  return s;
}

/**
 * Same person, new session cookie (after a password change the server ends the old session and
 * drops its socket): reconnect the same socket, so every listener stays attached and rooms are
 * joined again on connect.
 */
export function reconnectSocket(): void {
  if (!socket) return;
  socket.disconnect();
  socket.connect();
}

/** Close the socket, e.g. after logout or when the session cookie was replaced. */
export function resetSocket(): void {
  socket?.removeAllListeners();
  socket?.io.removeAllListeners();
  socket?.close();
  socket = null;
  setState('offline');
}

export function getConnectionState(): ConnectionState {
  return state;
}

export function subscribeConnectionState(listener: () => void): () => void {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}

/** Called once the server has admitted each (re)connection to its rooms; `reconnect` is false for the first one. */
export function onSocketConnect(listener: (info: { reconnect: boolean }) => void): () => void {
  connectListeners.add(listener);
  return () => connectListeners.delete(listener);
}

export function getSystemStatus(): SystemStatus | null {
  return systemStatus;
}

export function subscribeSystemStatus(listener: () => void): () => void {
  systemListeners.add(listener);
  return () => systemListeners.delete(listener);
}

/** Forget a shown "back to normal" message (the banner's close button). */
export function dismissSystemStatus(): void {
  if (systemStatus?.redis === 'ok') setSystemStatus(null);
}
