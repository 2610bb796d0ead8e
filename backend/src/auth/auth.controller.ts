import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiZodBody, ZodBody } from '../common/api-zod.js';
import { displayName } from '../common/display-name.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Public, Roles } from './access.decorators.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import type { Principal } from './principal.js';
import { SESSION_COOKIE, SESSION_TTL_SECONDS, TokenService } from './token.service.js';
import { ROLES } from './user.entity.js';
import { toPublicUser, UsersService } from './users.service.js';

const LoginBody = z.object({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) }).strict();
const CreateUserBody = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._-]{3,80}$/, '3–80 letters, digits, ".", "_" or "-"'),
    displayName: displayName(200),
    password: z.string().min(10, 'must be at least 10 characters').max(200),
    role: z.enum(ROLES),
  })
  .strict();

/**
 * The session cookie: httpOnly (no script reads it), SameSite=Lax (not sent on cross-site
 * sub-requests or form posts), Secure over HTTPS (`COOKIE_SECURE=auto` follows the request,
 * `true` behind a TLS proxy that is not on loopback), and scoped to the whole app.
 */
function sessionCookieOptions(req: Request, config: AppConfig) {
  const secure = config.cookieSecure === 'auto' ? req.secure : config.cookieSecure === 'true';
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' } as const;
}

export function setSessionCookie(res: Response, req: Request, token: string, config: AppConfig): void {
  res.cookie(SESSION_COOKIE, token, { ...sessionCookieOptions(req, config), maxAge: SESSION_TTL_SECONDS * 1000 });
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiZodBody(LoginBody)
  async login(@ZodBody(LoginBody) body: z.infer<typeof LoginBody>, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const address = req.ip ?? 'unknown';
    await this.limiter.attempt(address, body.username);
    const user = await this.users.verifyPassword(body.username, body.password);
    if (!user) throw new DomainError('unauthenticated', 'auth.bad-credentials', 'Wrong username or password');
    await this.limiter.succeed(address, body.username);
    const token = await this.tokens.sign({ kind: 'user', userId: user.id, username: user.username, role: user.role });
    setSessionCookie(res, req, token, this.config);
    return { token, user: toPublicUser(user) };
  }

  @Post('logout')
  @HttpCode(204)
  @Public()
  logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(req, this.config));
  }

  /**
   * The signed-in staff user; 204 when there is no session, so an anonymous page asking "who am
   * I?" gets an answer rather than an error (browsers log every 401 in the console).
   */
  @Get('me')
  @Public()
  async me(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const principal: Principal | undefined = req.principal;
    if (!principal) {
      res.status(204);
      return undefined;
    }
    if (principal.kind !== 'user') throw new DomainError('forbidden', 'auth.staff-only', 'Participants cannot use this');
    const user = await this.users.findById(principal.userId);
    if (!user) throw new DomainError('unauthenticated', 'auth.user-gone', 'This account no longer exists');
    return toPublicUser(user);
  }
}

@ApiTags('auth')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('admin')
  async list() {
    return (await this.users.list()).map(toPublicUser);
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateUserBody)
  create(@ZodBody(CreateUserBody) body: z.infer<typeof CreateUserBody>) {
    return this.users.create(body);
  }
}
