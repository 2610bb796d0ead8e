import { Inject, Injectable, Logger } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import * as client from 'openid-client';
import { APP_CONFIG, type AppConfig, type OidcConfig } from '../config/app-config.js';
import { type SessionOrigin, SessionsService } from './sessions.service.js';
import { ROLES, type Role, type UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';

/** How long a sign-in at the identity provider may take, from the button to the callback. */
export const OIDC_REQUEST_TTL_SECONDS = 10 * 60;
/** The browser cookie that ties the provider's answer to the sign-in this browser started. */
export const OIDC_REQUEST_COOKIE = 'ttx_oidc';
/** How long one call to the identity provider may take before it counts as unreachable. */
const PROVIDER_TIMEOUT_SECONDS = 10;
const REQUEST_ISSUER = 'cyber-ttx/oidc-request';

/** A single-sign-on failure the person at the browser can act on, with the HTTP status it answers. */
export class SsoError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 429 | 502,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SsoError';
  }
}

/** What the browser keeps (signed, httpOnly) between the button and the provider's answer. */
interface PendingSignIn {
  state: string;
  nonce: string;
  verifier: string;
  redirectUri: string;
  /** where in the app to land afterwards (a path of this app) */
  returnTo: string | null;
}

export interface SsoSignIn {
  user: UserEntity;
  token: string;
  returnTo: string | null;
}

/** A path inside this app (never another site: no scheme, no `//host`, no backslash tricks). */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /\p{Cc}/u.test(value)) return null;
  if (value.startsWith('/api/')) return null;
  return value;
}

/** The values of a claim: by its exact name (ADFS uses URLs as names), else as a dotted path (Keycloak's realm_access.roles). */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes('.')) {
    value = name
      .split('.')
      .reduce<unknown>(
        (o, key) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined),
        claims,
      );
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** The role a set of claim values maps to: the highest mapped one, else the default, else none. */
export function mapRole(values: readonly string[], oidc: Pick<OidcConfig, 'roleMap' | 'defaultRole'>): Role | null {
  const mapped = values.flatMap((v) => {
    const role = oidc.roleMap.get(v);
    return role ? [role] : [];
  });
  if (mapped.length > 0) return [...mapped].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b))[0] ?? null;
  return oidc.defaultRole ?? null;
}

const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/gu;
/** A name from the provider, made safe to show: no markup, control or invisible characters. */
const cleanName = (s: string, max: number) =>
  s
    .replace(INVISIBLE, '')
    .replace(/[<>\p{Cc}]/gu, '')
    .trim()
    .normalize('NFC')
    .slice(0, max);

const isNetworkFailure = (e: unknown): boolean => {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if (cur.name === 'AbortError' || cur.name === 'TimeoutError') return true;
    if (
      cur instanceof TypeError &&
      /fetch failed|network|ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET/i.test(cur.message)
    )
      return true;
    const code = (cur as NodeJS.ErrnoException).code;
    if (code && /^(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ECONNRESET|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(code))
      return true;
  }
  return false;
};

/**
 * OpenID Connect sign-in for staff (authorization code flow with PKCE, state and nonce), through
 * `openid-client`. The only party it talks to is the configured identity provider. A first sign-in
 * creates the local account (marked as single sign-on, with no password); every sign-in takes the
 * role from the configured claim, refuses disabled or deleted accounts, and opens the same
 * server-side session a password sign-in does, so logout and revocation work unchanged.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('sso');
  private readonly key: Uint8Array;
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {
    this.key = new TextEncoder().encode(`${config.tokenSecret}:oidc-request`);
  }

  get settings(): OidcConfig | null {
    return this.config.oidc;
  }

  /** The configuration, or a 404 saying single sign-on is off (called before anything is counted or stored). */
  assertConfigured(): OidcConfig {
    if (!this.config.oidc)
      throw new SsoError(
        404,
        'sso.not-configured',
        'Single sign-on is not configured on this platform; sign in with a username and password',
      );
    return this.config.oidc;
  }

  private get configured(): OidcConfig {
    return this.assertConfigured();
  }

  /** The provider's metadata (discovered once; a failed discovery is retried at the next sign-in). */
  private provider(): Promise<client.Configuration> {
    const oidc = this.configured;
    if (!this.discovered) {
      const insecure = new URL(oidc.issuer).protocol === 'http:';
      const p = client
        .discovery(
          new URL(oidc.issuer),
          oidc.clientId,
          undefined,
          oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
          {
            // plain HTTP only when the issuer itself is configured as http:// (a lab network)
            ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
            timeout: PROVIDER_TIMEOUT_SECONDS,
          },
        )
        .then((c) => {
          c.timeout = PROVIDER_TIMEOUT_SECONDS;
          return c;
        });
      this.discovered = p;
      p.catch(() => {
        if (this.discovered === p) this.discovered = undefined;
      });
    }
    return this.discovered.catch((e: unknown) => {
      this.logger.warn(`identity provider ${oidc.issuer} unreachable: ${e instanceof Error ? e.message : String(e)}`);
      throw new SsoError(
        502,
        'sso.provider-unreachable',
        `The identity provider (${oidc.providerName}) cannot be reached right now, so single sign-on is unavailable; try again later or sign in with a username and password`,
      );
    });
  }

  /** The redirect URI registered at the provider: OIDC_REDIRECT_URI, else this request's own address. */
  redirectUriFor(requestOrigin: string): string {
    return this.configured.redirectUri ?? `${requestOrigin}/api/auth/oidc/callback`;
  }

  /** Starts a sign-in: the provider's authorization URL, and the signed cookie value that remembers it. */
  async start(requestOrigin: string, returnTo: string | null): Promise<{ authorizationUrl: string; cookie: string }> {
    const oidc = this.configured;
    const provider = await this.provider();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      redirectUri: this.redirectUriFor(requestOrigin),
      returnTo,
    };
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: pending.redirectUri,
      scope: oidc.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const cookie = await new SignJWT({ ...pending })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(REQUEST_ISSUER)
      .setIssuedAt()
      .setExpirationTime(`${OIDC_REQUEST_TTL_SECONDS}s`)
      .sign(this.key);
    return { authorizationUrl: url.href, cookie };
  }

  private async pendingFrom(cookie: string | undefined): Promise<PendingSignIn> {
    const noRequest = new SsoError(
      400,
      'sso.no-request',
      'This browser has no single sign-on in progress (it expired after 10 minutes, cookies are blocked, or the link came from elsewhere); start again from the sign-in page',
    );
    if (!cookie) throw noRequest;
    try {
      const { payload: p } = await jwtVerify(cookie, this.key, { issuer: REQUEST_ISSUER, algorithms: ['HS256'] });
      if (
        typeof p.state !== 'string' ||
        typeof p.nonce !== 'string' ||
        typeof p.verifier !== 'string' ||
        typeof p.redirectUri !== 'string'
      )
        throw noRequest;
      return {
        state: p.state,
        nonce: p.nonce,
        verifier: p.verifier,
        redirectUri: p.redirectUri,
        returnTo: safeReturnPath(p.returnTo),
      };
    } catch {
      throw noRequest;
    }
  }

  /**
   * The provider sent the browser back: check it answers the sign-in this browser started, redeem
   * the code, map the role, create or update the account and open a session.
   */
  async finish(query: Record<string, unknown>, cookie: string | undefined, origin: SessionOrigin): Promise<SsoSignIn> {
    const oidc = this.configured;
    const pending = await this.pendingFrom(cookie);
    const str = (k: string) => (typeof query[k] === 'string' ? query[k] : undefined);
    const providerError = str('error');
    if (providerError) {
      const why = str('error_description');
      throw new SsoError(
        providerError === 'access_denied' ? 403 : 400,
        'sso.provider-refused',
        `${oidc.providerName} did not sign you in (${providerError}${why ? `: ${why.slice(0, 300)}` : ''}); start again from the sign-in page`,
      );
    }
    if (!str('code'))
      throw new SsoError(
        400,
        'sso.no-code',
        'The identity provider sent no authorization code; start again from the sign-in page',
      );
    if (str('state') !== pending.state) {
      throw new SsoError(
        400,
        'sso.state-mismatch',
        'This answer from the identity provider does not belong to the sign-in this browser started (state mismatch); start again from the sign-in page',
      );
    }
    const provider = await this.provider();
    const callbackUrl = new URL(pending.redirectUri);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') callbackUrl.searchParams.set(k, v);
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      throw this.grantError(e);
    }
    const claims: Record<string, unknown> = { ...(tokens.claims() ?? {}) };
    const sub = typeof claims.sub === 'string' ? claims.sub : '';
    if (!sub) throw new SsoError(400, 'sso.no-subject', 'The identity provider named no subject (sub) for this person');
    // a role claim that is not in the ID token may be in the userinfo answer (Keycloak, Entra ID groups)
    if (claimValues(claims, oidc.roleClaim).length === 0 && tokens.access_token) {
      try {
        const info = await client.fetchUserInfo(provider, tokens.access_token, sub);
        for (const [k, v] of Object.entries(info)) if (claims[k] === undefined) claims[k] = v;
      } catch (e) {
        this.logger.warn(`userinfo of ${sub} not read: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    const values = claimValues(claims, oidc.roleClaim);
    const role = mapRole(values, oidc);
    if (!role) {
      const seen =
        values.length > 0
          ? `its values (${values.slice(0, 10).join(', ')}${values.length > 10 ? ', …' : ''}) match none of OIDC_ROLE_MAP`
          : 'it is absent';
      throw new SsoError(
        403,
        'sso.no-role',
        `You signed in at ${oidc.providerName}, but no role on this platform is given to you: the claim "${oidc.roleClaim}" was read and ${seen}. Ask an administrator to grant you one of the mapped groups or roles`,
      );
    }
    const user = await this.upsertUser(sub, claims, role);
    const { token } = await this.sessions.issue(
      { kind: 'user', userId: user.id, username: user.username, role: user.role },
      origin,
    );
    return { user, token, returnTo: pending.returnTo };
  }

  private grantError(e: unknown): SsoError {
    if (e instanceof SsoError) return e;
    if (isNetworkFailure(e))
      return new SsoError(
        502,
        'sso.provider-unreachable',
        `The identity provider (${this.configured.providerName}) did not answer while completing the sign-in; try again later`,
      );
    const message = e instanceof Error ? e.message : String(e);
    if (e instanceof client.ResponseBodyError) {
      return new SsoError(
        400,
        'sso.code-refused',
        `The identity provider refused to complete the sign-in (${e.error}${e.error_description ? `: ${e.error_description}` : ''}); the link may have been used already — start again from the sign-in page`,
      );
    }
    if (e instanceof client.AuthorizationResponseError)
      return new SsoError(
        400,
        'sso.provider-refused',
        `The identity provider refused the sign-in (${e.error}); start again from the sign-in page`,
      );
    this.logger.warn(`sign-in response not accepted: ${message}`);
    return new SsoError(
      400,
      'sso.bad-response',
      `The identity provider's answer could not be verified (${message.slice(0, 200)}); start again from the sign-in page`,
    );
  }

  /** The local account of this provider subject: created on first sign-in, updated on each. */
  private async upsertUser(sub: string, claims: Record<string, unknown>, role: Role): Promise<UserEntity> {
    const oidc = this.configured;
    const text = (k: string) => (typeof claims[k] === 'string' ? cleanName(claims[k], 200) : '');
    const existing = await this.users.findExternal('oidc', sub);
    if (existing && existing.deletedAt !== null) {
      throw new SsoError(
        403,
        'sso.deleted',
        'An administrator deleted this account on this platform, so it can no longer sign in here; ask an administrator',
      );
    }
    if (existing && existing.disabledAt !== null) {
      throw new SsoError(403, 'sso.disabled', 'This account is disabled on this platform; ask an administrator');
    }
    const displayName =
      text('name') ||
      [text('given_name'), text('family_name')].filter(Boolean).join(' ') ||
      text('preferred_username') ||
      text('email') ||
      sub.slice(0, 200);
    if (existing) {
      if (existing.role !== role) {
        // the provider changed this person's role: sessions under the old one end, as with an administrator's change
        await this.sessions.endAllOf({ userId: existing.id }, 'role-changed');
        this.logger.log(`${existing.username}: role ${existing.role} → ${role} (from ${oidc.providerName})`);
      }
      await this.users.update(existing.id, { role, displayName, lastSignInAt: Date.now() });
      return { ...existing, role, displayName, lastSignInAt: Date.now() };
    }
    const username = await this.freeUsername(
      cleanName(text('preferred_username') || text('upn') || text('email') || `sso-${sub}`, 70)
        .toLowerCase()
        .replace(/\s+/g, '.') || 'sso-user',
    );
    await this.users.create({ username, displayName, role }, { authSource: 'oidc', externalSubject: sub });
    const created = await this.users.findExternal('oidc', sub);
    if (!created) throw new SsoError(400, 'sso.account', 'The account could not be created; try again');
    await this.users.update(created.id, { lastSignInAt: Date.now() });
    this.logger.log(`${username}: single-sign-on account created as ${role}`);
    return created;
  }

  /** A username nobody has: never the same as a local account's (that would let the provider take it over). */
  private async freeUsername(base: string): Promise<string> {
    if (!(await this.users.usernameTaken(base))) return base;
    for (let i = 1; i < 50; i++) {
      const candidate = `${base}.sso${i === 1 ? '' : i}`;
      if (!(await this.users.usernameTaken(candidate))) return candidate;
    }
    return `${base.slice(0, 60)}.${Math.random().toString(36).slice(2, 10)}`;
  }
}
