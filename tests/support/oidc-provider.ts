import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (the `oidc-provider` package, with its own login and consent
 * pages) started inside a test, standing in for the organisation's Keycloak / ADFS / Entra ID.
 * Any login name is accepted at its login page (any password); the claims of the people it knows
 * come from `people`, which a test may change between sign-ins (a group granted or taken away).
 */
export interface Person {
  name: string;
  preferredUsername?: string;
  email?: string;
  groups: string[];
}

export interface TestIdentityProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  people: Map<string, Person>;
  /** start answering (the port is reserved up front so the app can be configured before) */
  listen: () => Promise<void>;
  /** stop answering (to play "the provider is down") */
  close: () => Promise<void>;
}

export const OIDC_CLIENT_ID = 'cyber-ttx';
export const OIDC_CLIENT_SECRET = 'a-client-secret-for-the-test-provider';

/** A provider on `port` whose client `cyber-ttx` may send browsers back to `redirectUri`. */
export function testIdentityProvider(
  port: number,
  redirectUri: string,
  people: Record<string, Person>,
): TestIdentityProvider {
  // "localhost", not 127.0.0.1: another host than the app's, so the browser keeps the two sites' cookies apart
  const issuer = `http://localhost:${port}`;
  const known = new Map(Object.entries(people));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_CLIENT_ID,
        client_secret: OIDC_CLIENT_SECRET,
        redirect_uris: [redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    cookies: { keys: ['a-cookie-signing-key-for-the-test-provider'] },
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    findAccount(_ctx, id) {
      return {
        accountId: id,
        claims() {
          const p = known.get(id);
          return p
            ? {
                sub: id,
                name: p.name,
                preferred_username: p.preferredUsername ?? id,
                ...(p.email ? { email: p.email } : {}),
                groups: p.groups,
              }
            : { sub: id, name: id, groups: [] };
        },
      };
    },
  });
  // the provider's own warnings about its development login pages are expected here
  provider.on('server_error', (_ctx, err) => process.stderr.write(`test provider error: ${String(err)}\n`));
  let server: Server | undefined;
  return {
    issuer,
    port,
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    people: known,
    listen: () =>
      new Promise<void>((resolve, reject) => {
        const handle = provider.callback();
        const s = createServer((req, res) => void handle(req, res));
        s.once('error', reject);
        // every address (IPv4 and IPv6): "localhost" may resolve to either
        s.listen(port, () => resolve());
        server = s;
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
        server = undefined;
      }),
  };
}

/** Env for the app: single sign-on through this provider, groups → roles. */
export function oidcEnv(idp: TestIdentityProvider, extra: Record<string, string> = {}): Record<string, string> {
  return {
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_SCOPES: 'openid profile email groups',
    OIDC_ROLE_CLAIM: 'groups',
    OIDC_ROLE_MAP: 'ttx-admins=admin, ttx-control=facilitator, ttx-watch=observer',
    OIDC_PROVIDER_NAME: 'Test IdP',
    ...extra,
  };
}

/**
 * A tiny browser for API-level tests: follows redirects by hand across the app and the provider,
 * keeping each host's cookies (host:port) apart, and stops at the app's callback so a test can
 * look at (or tamper with) what the provider sent back.
 */
export class CookieBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string | undefined): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    if (value === undefined) jar.delete(name);
    else jar.set(name, value);
    this.jars.set(host, jar);
  }

  async fetch(
    url: string,
    init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const jar = this.jars.get(new URL(url).host);
    const cookie = jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(cookie ? { cookie } : {}),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...init.headers,
      },
      body: init.body,
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = c.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attrs.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a) || /^\s*max-age=0\s*$/i.test(a)) || value === '';
      this.setCookie(url, name, expired ? undefined : value);
    }
    return res;
  }

  /**
   * From the app's "Sign in with …" link through the provider's login and consent pages, up to the
   * redirect back to the app's callback (not followed): returns that callback URL.
   */
  async signInAtProvider(startUrl: string, login: string, opts: { abort?: boolean } = {}): Promise<string> {
    let url = startUrl;
    for (let hop = 0; hop < 20; hop++) {
      const res = await this.fetch(url);
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location') ?? '', url).href;
        if (next.includes('/api/auth/oidc/callback')) return next;
        url = next;
        continue;
      }
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
      const html = await res.text();
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
      if (!prompt || !action) throw new Error(`unexpected page at ${url}: ${html.slice(0, 500)}`);
      if (opts.abort) {
        const abort = /href="([^"]*\/abort)"/.exec(html)?.[1];
        if (!abort) throw new Error('no abort link');
        url = new URL(abort, url).href;
        continue;
      }
      const body =
        prompt === 'login'
          ? new URLSearchParams({ prompt, login, password: 'any password' }).toString()
          : new URLSearchParams({ prompt }).toString();
      const posted = await this.fetch(new URL(action, url).href, { method: 'POST', body });
      if (posted.status < 300 || posted.status >= 400)
        throw new Error(`submitting ${prompt} answered ${posted.status}: ${(await posted.text()).slice(0, 500)}`);
      url = new URL(posted.headers.get('location') ?? '', url).href;
      if (url.includes('/api/auth/oidc/callback')) return url;
    }
    throw new Error('too many redirects');
  }
}
