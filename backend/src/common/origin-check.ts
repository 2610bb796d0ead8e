import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** Methods that only read: everything else changes state and must come from the platform's own pages. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginVerdict {
  ok: boolean;
  /** what the refusal names (the foreign origin or fetch site) */
  from?: string;
}

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Whether a request that carries the session cookie came from the platform's own pages.
 * The session cookie is SameSite=Lax, which still lets same-*site* pages (another port on the
 * host, a sibling subdomain) send it; so a browser request must also be same-*origin*:
 * - with an Origin header: it names this host (the Host header) or a configured allowed origin,
 *   or the browser itself says `Sec-Fetch-Site: same-origin` (a dev proxy that keeps its own Host);
 * - with only Sec-Fetch-Site: `same-origin`, or `none` (the user typed or bookmarked it);
 * - with neither: not a browser (the CLI, scripts, tests), which has no victim's cookie to abuse.
 */
export function originVerdict(headers: IncomingHttpHeaders, allowedOrigins: readonly string[]): OriginVerdict {
  const origin = header(headers, 'origin');
  const site = header(headers, 'sec-fetch-site')?.toLowerCase();
  if (origin !== undefined) {
    if (site === 'same-origin') return { ok: true };
    if (allowedOrigins.includes(origin)) return { ok: true };
    const host = header(headers, 'host')?.toLowerCase();
    try {
      const u = new URL(origin);
      if ((u.protocol === 'http:' || u.protocol === 'https:') && host !== undefined && u.host === host)
        return { ok: true };
    } catch {
      /* "null" or garbage: not this origin */
    }
    return { ok: false, from: `Origin ${origin}` };
  }
  if (site !== undefined)
    return site === 'same-origin' || site === 'none' ? { ok: true } : { ok: false, from: `Sec-Fetch-Site: ${site}` };
  return { ok: true };
}

/** Express middleware: state-changing requests from another origin get 403 before any route runs. */
export function sameOriginWrites(allowedOrigins: readonly string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method)) return next();
    const verdict = originVerdict(req.headers, allowedOrigins);
    if (verdict.ok) return next();
    res.status(403).json({
      statusCode: 403,
      code: 'origin.refused',
      message: `Refused: this request came from another site (${verdict.from ?? 'unknown'}). Changes are accepted only from the platform's own pages; to serve it under another address, add that address to ALLOWED_ORIGINS`,
      correlationId: req.correlationId,
    });
  };
}
