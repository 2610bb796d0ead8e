import { useEffect, useRef, useState } from 'react';
import type { WatchAck } from './api-types';
import { getSocket, onSocketConnect, type TtxSocket } from './socket';

export type WatchState =
  | { state: 'joining' }
  | { state: 'watching'; room: string }
  /** `code`: the server's (`exercise.not-found`, `auth.staff-only`), or `socket.no-answer` when none came in time */
  | { state: 'refused'; code: string; message: string };

/**
 * Staff seats (control room, evaluator) following one exercise live: join its room after every
 * (re)connect and once the server has checked the session, ask again when a join goes unanswered,
 * and call `onLateJoin` after every successful join (events sent before it, while the seat
 * loaded or was disconnected, were missed) — or, for a seat that refreshes itself anyway and is
 * costly to read (the live report), only after a join that needed a retry. `listen` attaches the seat's own event handlers and returns what detaches them.
 */
export function useExerciseRoom(
  exerciseId: string,
  listen: (socket: TtxSocket) => () => void,
  onLateJoin: () => void,
  opts: { rereadAfter?: 'every-join' | 'retried-join' } = {},
): WatchState {
  const rereadAfter = opts.rereadAfter ?? 'every-join';
  const [watch, setWatch] = useState<WatchState>({ state: 'joining' });
  const latest = useRef({ listen, onLateJoin });
  latest.current = { listen, onLateJoin };
  useEffect(() => {
    const socket = getSocket();
    let alive = true;
    let retry: number | undefined;
    const join = () => {
      window.clearTimeout(retry);
      setWatch({ state: 'joining' });
      socket.timeout(10_000).emit('exercise:watch', { exerciseId }, (err: Error | null, res?: WatchAck) => {
        if (!alive) return;
        if (err || !res) {
          // no answer in time (a busy server): ask again rather than stay without live updates
          setWatch({
            state: 'refused',
            code: 'socket.no-answer',
            message: 'The server did not answer in time; asking again',
          });
          if (socket.connected) retry = window.setTimeout(join, 2000);
        } else {
          setWatch(
            res.ok ? { state: 'watching', room: res.room } : { state: 'refused', code: res.code, message: res.message },
          );
          // whatever the seat read before this join (its first load, the time it was disconnected)
          // may predate events it was not in the room for: read it again
          if (res.ok && (rereadAfter === 'every-join' || retry !== undefined)) latest.current.onLateJoin();
        }
      });
    };
    const offConnect = onSocketConnect(join);
    if (socket.connected) join();
    // the server knows who we are only once it has checked the session: a watch sent between the
    // connect and 'session:ready' is refused, so ask (again) when the session is ready
    const onReady = (info: { kind: 'user' | 'participant' }) => info.kind === 'user' && join();
    socket.on('session:ready', onReady);
    const unlisten = latest.current.listen(socket);
    return () => {
      alive = false;
      window.clearTimeout(retry);
      offConnect();
      socket.off('session:ready', onReady);
      unlisten();
    };
  }, [exerciseId, rereadAfter]);
  return watch;
}
