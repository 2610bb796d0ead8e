import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { type Session, sessionQueryKey } from '../features/auth/api/get-session';
import { getSocket, onSocketConnect } from '../lib/socket';

/**
 * Opens the live connection once someone is signed in, and resynchronises after every
 * (re)connection: whatever happened while the socket was down is fetched again from the API.
 * Lists are keyed by id, so a refetch never shows anything twice.
 */
export function SocketLifecycle({ session }: { session: Session | undefined }) {
  const queryClient = useQueryClient();
  // a new identity gets a new socket (login/join replace it), so the effect follows the identity
  // (a session that must first change its password gets no socket: the server would refuse it)
  const identity =
    !session || session.kind === 'anonymous' || (session.kind === 'user' && session.user.mustChangePassword)
      ? null
      : session.kind === 'user'
        ? `user:${session.user.id}`
        : `participant:${session.player.participant.id}`;
  useEffect(() => {
    if (!identity) return;
    const socket = getSocket();
    const off = onSocketConnect(() => {
      // also on the first connection: events between the first fetch and the handshake are not lost
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
    });
    const onSessionError = () => void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    socket.on('session:error', onSessionError);
    return () => {
      off();
      socket.off('session:error', onSessionError);
    };
  }, [identity, queryClient]);
  return null;
}
