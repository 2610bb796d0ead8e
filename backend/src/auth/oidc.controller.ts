import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RateLimitedError } from '../common/rate-limited-error.js';
import { Public } from './access.decorators.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import {
  OIDC_REQUEST_COOKIE,
  OIDC_REQUEST_TTL_SECONDS,
  OidcService,
  safeReturnPath,
  SsoError,
} from './oidc.service.js';
import { originOf, sessionCookieOptions, setSessionCookie } from './session-cookie.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The page a browser lands on when single sign-on fails: what went wrong and the way back (no script). */
function errorPage(status: number, message: string): string {
  const title =
    status === 502
      ? 'Single sign-on is unavailable'
      : status === 429
        ? 'Too many sign-in attempts'
        : 'Single sign-on did not sign you in';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Cyber TTX</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#1a1b1e;color:#e9ecef;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{max-width:520px;margin:24px;padding:28px;border:1px solid #373a40;border-radius:8px;background:#25262b}
h1{font-size:1.35rem;margin:0 0 12px}p{line-height:1.5;margin:0 0 16px}a{color:#74c0fc}
.code{color:#909296;font-size:.85rem}
@media (prefers-color-scheme: light){body{background:#f8f9fa;color:#212529}main{background:#fff;border-color:#dee2e6}a{color:#1864ab}.code{color:#495057}}
</style></head>
<body><main role="alert">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/login">Back to the sign-in page</a></p>
<p class="code">HTTP ${status}</p>
</main></body></html>`;
}

/**
 * OpenID Connect sign-in for staff. These are browser navigations (the button, then the provider's
 * redirect back), so they are GETs: nothing changes unless the provider's answer matches the signed
 * request this same browser started (state, nonce, PKCE), which is what stops a forged callback.
 */
@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the sign-in page shows a "Sign in with …" button, and its label. */
  @Get()
  @Public()
  info() {
    const s = this.oidc.settings;
    return s
      ? { enabled: true as const, providerName: s.providerName, loginUrl: '/api/auth/oidc/login' }
      : { enabled: false as const };
  }

  /** The button: remembers the sign-in in a signed cookie and sends the browser to the provider. */
  @Get('login')
  @Public()
  async login(@Req() req: Request, @Res() res: Response, @Query('redirect') redirect?: unknown): Promise<void> {
    const address = req.ip ?? 'unknown';
    try {
      // no sign-in can happen where single sign-on is off: a 404, and nothing spent
      this.oidc.assertConfigured();
      // counted like a password attempt: starts that never come back spend the address's budget
      await this.limiter.attemptSso(address);
      const { authorizationUrl, cookie } = await this.oidc
        .start(this.requestOrigin(req), safeReturnPath(redirect))
        .catch(async (e: unknown) => {
          if (e instanceof SsoError && e.status === 502) await this.limiter.succeedSso(address, 1);
          throw e;
        });
      res.cookie(OIDC_REQUEST_COOKIE, cookie, {
        ...sessionCookieOptions(req, this.config),
        path: '/api/auth/oidc',
        maxAge: OIDC_REQUEST_TTL_SECONDS * 1000,
      });
      res.redirect(302, authorizationUrl);
    } catch (e) {
      this.fail(req, res, e);
    }
  }

  /** Where the provider sends the browser back: opens the session and lands in the app. */
  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    // the request cookie is single-use whatever happens next
    res.clearCookie(OIDC_REQUEST_COOKIE, { ...sessionCookieOptions(req, this.config), path: '/api/auth/oidc' });
    const address = req.ip ?? 'unknown';
    try {
      this.oidc.assertConfigured();
      // a forged or replayed callback is a failed sign-in; a good one gives back its own point and its start's
      await this.limiter.attemptSso(address);
      const cookies = req.cookies as Record<string, string | undefined> | undefined;
      const signIn = await this.oidc
        .finish(req.query, cookies?.[OIDC_REQUEST_COOKIE], originOf(req))
        .catch(async (e: unknown) => {
          if (e instanceof SsoError && e.status === 502) await this.limiter.succeedSso(address, 1);
          throw e;
        });
      await this.limiter.succeedSso(address, 2);
      setSessionCookie(res, req, signIn.token, this.config);
      res.redirect(302, signIn.returnTo ?? '/');
    } catch (e) {
      this.fail(req, res, e);
    }
  }

  private requestOrigin(req: Request): string {
    return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  }

  /** A clear page (or JSON for API clients) with a 4xx, or 502 when the provider is unreachable; never a 500. */
  private fail(req: Request, res: Response, e: unknown): void {
    if (e instanceof RateLimitedError) res.setHeader('retry-after', String(e.retryAfterSeconds));
    const err =
      e instanceof SsoError
        ? e
        : e instanceof RateLimitedError
          ? new SsoError(429, e.code, e.message)
          : new SsoError(
              400,
              'sso.failed',
              `Single sign-on failed (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}); start again from the sign-in page`,
            );
    res.status(err.status);
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ statusCode: err.status, code: err.code, message: err.message, correlationId: req.correlationId });
      return;
    }
    res.type('html').send(errorPage(err.status, err.message));
  }
}
