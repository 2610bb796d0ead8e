import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error.js';
import { ACCESS_KEY, type Access, DURING_PASSWORD_CHANGE_KEY } from './access.decorators.js';
import { SessionsService } from './sessions.service.js';
import { extractToken } from './token.service.js';

/** Global guard: authenticates the token and enforces each route's declared access. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [ctx.getHandler(), ctx.getClass()]);
    // fail closed: a route that forgot to declare access is reachable by nobody
    if (!access) throw new DomainError('forbidden', 'access.undeclared', 'This route is not available');
    const req = ctx.switchToHttp().getRequest<Request>();
    const token = extractToken(req.header('authorization'), req.header('cookie'));
    const session = token ? await this.sessions.authenticate(token) : null;
    const principal = session?.principal;
    if (principal) req.principal = principal;
    if ('public' in access) return true;
    if (!principal)
      throw new DomainError(
        'unauthenticated',
        'auth.required',
        'Sign in first (missing, invalid, expired or ended session)',
      );
    if (
      session.passwordChangeOnly &&
      !this.reflector.getAllAndOverride<boolean | undefined>(DURING_PASSWORD_CHANGE_KEY, [
        ctx.getHandler(),
        ctx.getClass(),
      ])
    ) {
      throw new DomainError(
        'forbidden',
        'auth.password-change-required',
        'Choose a new password first (POST /api/auth/password)',
      );
    }
    if ('participantsOnly' in access) {
      if (principal.kind !== 'participant')
        throw new DomainError('forbidden', 'auth.players-only', 'Only exercise participants can use this');
      return true;
    }
    if (principal.kind === 'participant')
      throw new DomainError('forbidden', 'auth.staff-only', 'Participants cannot use this');
    if (!access.roles.includes(principal.role)) {
      throw new DomainError(
        'forbidden',
        'auth.role',
        `Requires one of the roles: ${access.roles.join(', ')} (you are ${principal.role})`,
      );
    }
    return true;
  }
}
