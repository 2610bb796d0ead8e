import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { passwordProblem } from '../auth/password-policy.js';

/** The repository root (backend/dist/config → ../../..), so defaults work from any cwd. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: (a file path) or postgres://')
    .default('sqlite:data/cyber-ttx.sqlite'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .default('redis://127.0.0.1:6379'),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_DIR: z.string().default('data'),
  INJECTS_DIR: z.string().default('injects'),
  FRONTEND_DIST: z.string().default('frontend/dist'),
  /** inline: the API process also runs the delivery worker; off: API only (use `npm run worker`) */
  WORKER: z.enum(['inline', 'off']).default('inline'),
  /**
   * inline: the API process holds the players' sockets; process: a second process started by the API
   * holds them (the API hands each WebSocket over as it connects), so the socket fan-out runs on
   * another core than the HTTP requests and the database writes
   */
  SOCKETS: z.enum(['inline', 'process']).default('inline'),
  /** how long before an inject's due instant its job leaves the delay queue (ms) */
  SCHEDULER_LEAD_MS: z.coerce.number().int().min(0).max(10_000).default(400),
  /** how soon after a response or an evaluation its score cells are recomputed (ms); reads never wait for it */
  SCORE_FLUSH_DELAY_MS: z.coerce.number().int().min(1).max(86_400_000).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** BullMQ key prefix: lets several test instances share one Redis without seeing each other */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[\w-]+$/)
    .default('ttx'),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** create the demo `instructor` account on first run (off unless asked for) */
  DEMO_ACCOUNTS: z.enum(['true', 'false']).default('false'),
  /** password of the first-run `admin` (otherwise a random one, printed once, to be changed at first sign-in) */
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** password of the demo `instructor` (otherwise a random one, printed once, to be changed at first sign-in) */
  DEMO_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** OpenID Connect single sign-on for staff (all optional; set OIDC_ISSUER and OIDC_CLIENT_ID to turn it on) */
  OIDC_ISSUER: z
    .url({ message: 'must be the issuer URL of the identity provider, e.g. https://sso.example.org/realms/ttx' })
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z
    .url({ message: 'must be the full URL of /api/auth/oidc/callback as the provider knows it' })
    .optional(),
  OIDC_SCOPES: z.string().default('openid profile email'),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_ROLE_MAP: z.string().optional(),
  OIDC_DEFAULT_ROLE: z.enum(['admin', 'instructor', 'facilitator', 'evaluator', 'observer']).optional(),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60).default('single sign-on'),
  /** which proxies' X-Forwarded-* headers to believe (client address, HTTPS): none unless configured */
  TRUST_PROXY: z
    .string()
    .default('off')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed.trust;
    }),
  /** other origins (scheme://host[:port]) whose pages may send state-changing requests, e.g. a proxy's public address */
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const out: string[] = [];
      for (const item of v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)) {
        const origin = originOf(item);
        if (!origin)
          ctx.addIssue({
            code: 'custom',
            message: `"${item}" is not an origin: write scheme://host[:port], e.g. https://ttx.example.org`,
          });
        else out.push(origin);
      }
      return out;
    }),
});

const TRUST_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * TRUST_PROXY: `off` (default: X-Forwarded-For is ignored, so a client cannot pick the address the
 * rate limits count), or a comma-separated list of presets (loopback, linklocal, uniquelocal),
 * addresses and CIDR ranges of the proxies in front of the platform.
 */
export function parseTrustProxy(value: string): { trust: false | string[] } | { error: string } {
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === '') return { trust: false };
  const items = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const item of items) {
    const [addr = '', bits, extra] = item.split('/');
    const family = isIP(addr);
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (TRUST_PRESETS.includes(item)) continue;
    if (family === 0 || !prefixOk || extra !== undefined)
      return {
        error: `"${item}" is not one of off, ${TRUST_PRESETS.join(', ')}, an IP address or a CIDR range (e.g. 10.0.0.0/8)`,
      };
  }
  return { trust: items };
}

/** `scheme://host[:port]` of an http(s) URL with nothing after the host, or undefined. */
function originOf(value: string): string | undefined {
  try {
    const u = new URL(value);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || value.replace(/\/$/, '').toLowerCase() !== u.origin)
      return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export type DatabaseConfig = { type: 'sqlite'; database: string } | { type: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  redisUrl: string;
  tokenSecret: string;
  dataDir: string;
  injectsDir: string;
  frontendDist: string;
  worker: 'inline' | 'off';
  sockets: 'inline' | 'process';
  schedulerLeadMs: number;
  scoreFlushDelayMs: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  queuePrefix: string;
  cookieSecure: 'auto' | 'true' | 'false';
  demoAccounts: boolean;
  adminPassword: string | undefined;
  /** Express `trust proxy`: false, or the proxies whose X-Forwarded-* headers count */
  trustProxy: false | string[];
  /** origins besides the platform's own whose pages may send state-changing requests and open sockets */
  allowedOrigins: string[];
  demoPassword: string | undefined;
  oidc: OidcConfig | null;
}

export type StaffRole = 'admin' | 'instructor' | 'facilitator' | 'evaluator' | 'observer';

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  scopes: string;
  roleClaim: string;
  /** claim value → role; the first value of the claim found here wins, highest role first */
  roleMap: Map<string, StaffRole>;
  defaultRole: StaffRole | undefined;
  providerName: string;
}

export class ConfigError extends Error {}

const fromRoot = (p: string) => (isAbsolute(p) ? p : resolve(REPO_ROOT, p));

/** Read `process.env` once, validate it and fail with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.DEMO_PASSWORD && e.DEMO_PASSWORD === e.ADMIN_PASSWORD)
    problems.push(
      '  DEMO_PASSWORD: must differ from ADMIN_PASSWORD (admin and the demo instructor never share a password)',
    );
  const adminProblem = e.ADMIN_PASSWORD && passwordProblem(e.ADMIN_PASSWORD, { username: 'admin' });
  if (adminProblem) problems.push(`  ADMIN_PASSWORD: ${adminProblem}`);
  const demoProblem = e.DEMO_PASSWORD && passwordProblem(e.DEMO_PASSWORD, { username: 'instructor' });
  if (demoProblem) problems.push(`  DEMO_PASSWORD: ${demoProblem}`);
  if (e.DEMO_PASSWORD && e.DEMO_ACCOUNTS !== 'true')
    problems.push('  DEMO_PASSWORD: set DEMO_ACCOUNTS=true too (no demo account is created otherwise)');
  const oidc = oidcConfig(e, problems);
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  const dataDir = fromRoot(e.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const database: DatabaseConfig = e.DATABASE_URL.startsWith('sqlite:')
    ? { type: 'sqlite', database: fromRoot(e.DATABASE_URL.slice('sqlite:'.length)) }
    : { type: 'postgres', url: e.DATABASE_URL };
  if (database.type === 'sqlite') mkdirSync(dirname(database.database), { recursive: true });
  return {
    port: e.PORT,
    host: e.HOST,
    database,
    redisUrl: e.REDIS_URL,
    tokenSecret: e.TOKEN_SECRET ?? readOrCreateSecret(dataDir),
    dataDir,
    injectsDir: fromRoot(e.INJECTS_DIR),
    frontendDist: fromRoot(e.FRONTEND_DIST),
    worker: e.WORKER,
    sockets: e.SOCKETS,
    schedulerLeadMs: e.SCHEDULER_LEAD_MS,
    scoreFlushDelayMs: e.SCORE_FLUSH_DELAY_MS,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.QUEUE_PREFIX,
    cookieSecure: e.COOKIE_SECURE,
    demoAccounts: e.DEMO_ACCOUNTS === 'true',
    adminPassword: e.ADMIN_PASSWORD,
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS,
    demoPassword: e.DEMO_PASSWORD,
    oidc,
  };
}

const STAFF_ROLES: readonly StaffRole[] = ['admin', 'instructor', 'facilitator', 'evaluator', 'observer'];

/** Single sign-on is on when OIDC_ISSUER is set; then the client id and a usable role mapping are required. */
function oidcConfig(e: z.infer<typeof EnvSchema>, problems: string[]): OidcConfig | null {
  const anySet = e.OIDC_ISSUER ?? e.OIDC_CLIENT_ID ?? e.OIDC_CLIENT_SECRET ?? e.OIDC_ROLE_MAP ?? e.OIDC_REDIRECT_URI;
  if (!anySet) return null;
  if (!e.OIDC_ISSUER) problems.push('  OIDC_ISSUER: required when any other OIDC_ variable is set');
  if (!e.OIDC_CLIENT_ID) problems.push('  OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  const roleMap = new Map<string, StaffRole>();
  for (const entry of (e.OIDC_ROLE_MAP ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    const at = entry.lastIndexOf('=');
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim() as StaffRole;
    if (at <= 0 || !value) problems.push(`  OIDC_ROLE_MAP: "${entry}" is not claimValue=role`);
    else if (!STAFF_ROLES.includes(role))
      problems.push(`  OIDC_ROLE_MAP: "${entry}" names no role (one of ${STAFF_ROLES.join(', ')})`);
    else roleMap.set(value, role);
  }
  if (roleMap.size === 0 && !e.OIDC_DEFAULT_ROLE)
    problems.push(
      '  OIDC_ROLE_MAP: give at least one claimValue=role pair (e.g. ttx-admins=admin,ttx-control=facilitator) or OIDC_DEFAULT_ROLE',
    );
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID) return null;
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    redirectUri: e.OIDC_REDIRECT_URI,
    scopes: e.OIDC_SCOPES.includes('openid') ? e.OIDC_SCOPES : `openid ${e.OIDC_SCOPES}`,
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap,
    defaultRole: e.OIDC_DEFAULT_ROLE,
    providerName: e.OIDC_PROVIDER_NAME,
  };
}

/** A token secret generated on first run and kept in the data folder (mode 0600). */
function readOrCreateSecret(dataDir: string): string {
  const file = resolve(dataDir, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (e) {
    // another process (API and worker starting together) wrote it first
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readFileSync(file, 'utf8').trim();
    throw e;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
