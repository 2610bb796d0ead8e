import type { Role } from './user.entity.js';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  role: Role;
  /** the server-side session the token names (absent only before a session is issued) */
  sessionId?: string;
}

export interface ParticipantPrincipal {
  kind: 'participant';
  participantId: string;
  exerciseId: string;
  teamId: string;
  displayName: string;
  sessionId?: string;
}

export type Principal = UserPrincipal | ParticipantPrincipal;

export const actorOf = (p: Principal | undefined): string =>
  !p ? 'system' : p.kind === 'user' ? `user:${p.userId}` : `participant:${p.participantId}`;

/** Roles that run and watch the control room. */
export const CONTROL_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator', 'evaluator'];
export const STAFF_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'];
export const STEERING_ROLES: readonly Role[] = ['admin', 'instructor', 'facilitator'];
