import type { Request, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import type { SessionOrigin } from './sessions.service.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS } from './token.service.js';

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * sub-requests or form posts), Secure over HTTPS (`COOKIE_SECURE=auto` follows the request,
 * `true` behind a TLS proxy that is not on loopback), and scoped to the whole app.
 */
export function sessionCookieOptions(req: Request, config: AppConfig) {
  const secure = config.cookieSecure === 'auto' ? req.secure : config.cookieSecure === 'true';
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
}

export function setSessionCookie(res: Response, req: Request, token: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, token, { ...sessionCookieOptions(req, config), maxAge: SESSION_TTL_SECONDS * 1000 });
}

export function clearSessionCookie(res: Response, req: Request, config: AppConfig): void {
  res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, config));
}

/** Where a request comes from, recorded with the session it opens. */
export const originOf = (req: Request): SessionOrigin => ({ userAgent: req.header('user-agent'), address: req.ip });
