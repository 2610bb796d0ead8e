import { type QueryClient, queryOptions, useQuery } from '@tanstack/react-query';
import { api, ApiError } from '../../../lib/api-client';
import type { PlayerSession, PublicUser, Role } from '../../../lib/api-types';

export type Session =
  { kind: 'user'; user: PublicUser } | { kind: 'participant'; player: PlayerSession } | { kind: 'anonymous' };

async function staffSession(): Promise<Session | 'not-staff'> {
  try {
    // 204 (no body) when nobody is signed in
    const user = await api.get('/auth/me');
    return user ? { kind: 'user', user } : { kind: 'anonymous' };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401) return { kind: 'anonymous' };
    if (e.status === 403) return 'not-staff';
    throw e;
  }
}

async function playerSession(): Promise<Session | 'not-player'> {
  try {
    return { kind: 'participant', player: await api.get('/play/session') };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 401 || e.status === 404) return { kind: 'anonymous' };
    if (e.status === 403) return 'not-player';
    throw e;
  }
}

/**
 * Who is using this browser: a staff account, a player seat (joined with a code), or nobody.
 * The cookie is httpOnly, so ask the server; on player pages ask the player endpoint first.
 */
export async function getSession(): Promise<Session> {
  // player pages: the console and the team report (asking /auth/me first logs a 403 there)
  const playerFirst = ['/play', '/team-report'].some((p) => window.location.pathname.startsWith(p));
  const first = playerFirst ? await playerSession() : await staffSession();
  if (first !== 'not-player' && first !== 'not-staff') return first;
  const second = playerFirst ? await staffSession() : await playerSession();
  return second === 'not-player' || second === 'not-staff' ? { kind: 'anonymous' } : second;
}

export const sessionQueryKey = ['session'] as const;

export const getSessionQueryOptions = () =>
  queryOptions({ queryKey: sessionQueryKey, queryFn: getSession, staleTime: Infinity });

export const useSession = () => useQuery(getSessionQueryOptions());

export const STEERING_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator'];
export const STAFF_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'];
export const CONTROL_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator', 'evaluator'];

/** Where a session lands after sign-in. */
export function homeOf(session: Session): string {
  if (session.kind === 'participant') return '/play';
  if (session.kind === 'user') return CONTROL_ROLES.includes(session.user.role) ? '/control' : '/observe';
  return '/login';
}

/**
 * Drop every cached query of the previous session but keep the session query itself (its
 * observers stay attached; `queryClient.clear()` would orphan them).
 */
export function forgetEverythingBut(queryClient: QueryClient, keep: readonly unknown[]): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== keep[0] });
}
