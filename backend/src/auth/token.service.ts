import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { Principal } from './principal.js';
import { ROLES } from './user.entity.js';

const ISSUER = 'cyber-ttx';
export const SESSION_TTL_SECONDS = 12 * 3600;
/** valid tokens remembered after their signature was checked once (each until it expires) */
const VERIFIED_CACHE_SIZE = 20_000;

/** Signed session tokens (HS256), used as the httpOnly cookie, as bearer tokens and in the socket handshake. */
@Injectable()
export class TokenService {
  private readonly key: Uint8Array;
  /** token → principal and expiry; a token is immutable, so its signature needs checking once */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.tokenSecret);
  }

  /** A token for one server-side session (`sid`): the token is only as valid as its session. */
  async sign(principal: Principal, sessionId: string): Promise<string> {
    const claims =
      principal.kind === 'user'
        ? { kind: 'user', username: principal.username, role: principal.role, sid: sessionId }
        : {
            kind: 'participant',
            exerciseId: principal.exerciseId,
            teamId: principal.teamId,
            displayName: principal.displayName,
            sid: sessionId,
          };
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(principal.kind === 'user' ? principal.userId : principal.participantId)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
      .sign(this.key);
  }

  /**
   * The principal of a token whose signature and expiry are valid, or null for anything else
   * (expired, forged, malformed, or issued before sessions existed). Whether its session is still
   * open is the caller's question (SessionsService.authenticate).
   */
  async verify(token: string): Promise<Principal | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.principal;
      this.verified.delete(token);
    }
    const principal = await this.principalOf(token);
    if (principal) {
      if (this.verified.size >= VERIFIED_CACHE_SIZE) this.verified.delete(this.verified.keys().next().value as string);
      this.verified.set(token, principal);
    }
    return principal?.principal ?? null;
  }

  private async principalOf(token: string): Promise<{ principal: Principal; expiresAtMs: number } | null> {
    try {
      const { payload: p } = await jwtVerify(token, this.key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (typeof p.sub !== 'string' || typeof p.exp !== 'number' || typeof p.sid !== 'string') return null;
      const sessionId = p.sid;
      const expiresAtMs = p.exp * 1000;
      if (p.kind === 'user' && typeof p.username === 'string' && ROLES.includes(p.role as (typeof ROLES)[number])) {
        return {
          principal: {
            kind: 'user',
            userId: p.sub,
            username: p.username,
            role: p.role as (typeof ROLES)[number],
            sessionId,
          },
          expiresAtMs,
        };
      }
      if (
        p.kind === 'participant' &&
        typeof p.exerciseId === 'string' &&
        typeof p.teamId === 'string' &&
        typeof p.displayName === 'string'
      ) {
        return {
          principal: {
            kind: 'participant',
            participantId: p.sub,
            exerciseId: p.exerciseId,
            teamId: p.teamId,
            displayName: p.displayName,
            sessionId,
          },
          expiresAtMs,
        };
      }
      return null;
    } catch {
      return null;
    }
  }
}

export const SESSION_COOKIE = 'ttx_session';

/** The token from a bearer header or the session cookie. */
export function extractToken(authorization: string | undefined, cookieHeader: string | undefined): string | undefined {
  if (authorization?.startsWith('Bearer ')) return authorization.slice(7).trim();
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}
