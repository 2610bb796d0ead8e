import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal.js';
import type { Role } from './user.entity.js';

export const ACCESS_KEY = 'ttx:access';

/** Who may call a route. Every route declares one; the guard refuses routes that do not. */
export type Access = { public: true } | { roles: readonly Role[]; participants?: boolean } | { participantsOnly: true };

export const Public = () => SetMetadata(ACCESS_KEY, { public: true } satisfies Access);
export const Roles = (...roles: Role[]) => SetMetadata(ACCESS_KEY, { roles } satisfies Access);
export const Players = () => SetMetadata(ACCESS_KEY, { participantsOnly: true } satisfies Access);

export const DURING_PASSWORD_CHANGE_KEY = 'ttx:during-password-change';
/** Reachable by a session that must first choose a new password (who am I, change password, sign out). */
export const DuringPasswordChange = () => SetMetadata(DURING_PASSWORD_CHANGE_KEY, true);

declare module 'express' {
  interface Request {
    principal?: Principal;
  }
}

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal | undefined => {
  return ctx.switchToHttp().getRequest<Request>().principal;
});
