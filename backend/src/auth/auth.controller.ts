import { Controller, Get, HttpCode, Inject, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { ApiZodBody, ZodBody } from '../common/api-zod.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CurrentPrincipal, DuringPasswordChange, Public, Roles } from './access.decorators.js';
import { AccountsService } from './accounts.service.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import type { Principal, UserPrincipal } from './principal.js';
import { clearSessionCookie, originOf, setSessionCookie } from './session-cookie.js';
import { SessionsService } from './sessions.service.js';
import { INTERFACE_LANGUAGES, ROLES } from './user.entity.js';
import { toPublicUser, UsersService } from './users.service.js';

export { setSessionCookie } from './session-cookie.js';

const LoginBody = z.object({ username: z.string().min(1).max(80), password: z.string().min(1).max(200) }).strict();
const ChangePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'enter your current password').max(PASSWORD_MAX_LENGTH),
    // the policy itself (length, not the username…) is checked by the service, with its own message
    newPassword: z.string().max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`),
  })
  .strict();
const LanguageBody = z.object({ language: z.enum(INTERFACE_LANGUAGES) }).strict();

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginRateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiZodBody(LoginBody)
  async login(
    @ZodBody(LoginBody) body: z.infer<typeof LoginBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const address = req.ip ?? 'unknown';
    await this.limiter.attempt(address, body.username);
    const user = await this.users.verifyPassword(body.username, body.password);
    if (!user) throw new DomainError('unauthenticated', 'auth.bad-credentials', 'Wrong username or password');
    await this.limiter.succeed(address, body.username);
    // told only to someone who knows the password
    if (user.disabledAt !== null)
      throw new DomainError('forbidden', 'auth.disabled', 'This account is disabled; ask an administrator');
    await this.users.update(user.id, { lastSignInAt: Date.now() });
    const { token } = await this.sessions.issue(
      { kind: 'user', userId: user.id, username: user.username, role: user.role },
      originOf(req),
      { passwordChangeOnly: user.mustChangePassword },
    );
    setSessionCookie(res, req, token, this.config);
    return { token, user: toPublicUser(user) };
  }

  /** Ends the session at once (the token stops working everywhere) and clears the cookie. */
  @Post('logout')
  @HttpCode(204)
  @Public()
  async logout(
    @CurrentPrincipal() principal: Principal | undefined,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    if (principal?.sessionId) await this.sessions.end([principal.sessionId], 'logout');
    clearSessionCookie(res, req, this.config);
  }

  /**
   * The signed-in staff user; 204 when there is no session, so an anonymous page asking "who am
   * I?" gets an answer rather than an error (browsers log every 401 in the console).
   */
  @Get('me')
  @Public()
  @DuringPasswordChange()
  async me(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const principal: Principal | undefined = req.principal;
    if (!principal) {
      res.status(204);
      return undefined;
    }
    if (principal.kind !== 'user')
      throw new DomainError('forbidden', 'auth.staff-only', 'Participants cannot use this');
    const user = await this.users.findById(principal.userId);
    if (!user) throw new DomainError('unauthenticated', 'auth.user-gone', 'This account no longer exists');
    return toPublicUser(user);
  }

  /** My interface language, kept on the account: every browser I sign in on opens in it. */
  @Put('me/language')
  @HttpCode(200)
  @Roles(...ROLES)
  @DuringPasswordChange()
  @ApiZodBody(LanguageBody)
  async setLanguage(@CurrentPrincipal() me: UserPrincipal, @ZodBody(LanguageBody) body: z.infer<typeof LanguageBody>) {
    const user = await this.users.findById(me.userId);
    if (!user) throw new DomainError('unauthenticated', 'auth.user-gone', 'This account no longer exists');
    await this.users.update(user.id, { language: body.language });
    return toPublicUser({ ...user, language: body.language });
  }

  /** Change my password: the current one is required; every other session of the account ends. */
  @Post('password')
  @HttpCode(200)
  @Roles(...ROLES)
  @DuringPasswordChange()
  @ApiZodBody(ChangePasswordBody)
  async changePassword(
    @CurrentPrincipal() me: UserPrincipal,
    @ZodBody(ChangePasswordBody) body: z.infer<typeof ChangePasswordBody>,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.accounts.changeOwnPassword(me, body.currentPassword, body.newPassword, originOf(req));
    setSessionCookie(res, req, result.token, this.config);
    return result;
  }
}
