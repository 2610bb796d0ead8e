import { Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { displayName } from '../common/display-name.js';
import { DomainError } from '../common/domain-error.js';
import { CurrentPrincipal, Roles } from './access.decorators.js';
import { AccountsService } from './accounts.service.js';
import { PASSWORD_MAX_LENGTH } from './password-policy.js';
import type { UserPrincipal } from './principal.js';
import { SessionsService } from './sessions.service.js';
import { ROLES } from './user.entity.js';
import { UsersService } from './users.service.js';

const CreateUserBody = z
  .object({
    username: z.string().regex(/^[a-zA-Z0-9._-]{3,80}$/, 'must be 3–80 letters, digits, ".", "_" or "-"'),
    displayName: displayName(200),
    role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }),
    /** omitted: a one-time password is generated and returned once; the user must change it at first sign-in */
    password: z.string().max(PASSWORD_MAX_LENGTH).optional(),
    mustChangePassword: z.boolean().optional(),
  })
  .strict();
const RoleBody = z.object({ role: z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` }) }).strict();

/** Accounts, for administrators. */
@ApiTags('accounts')
@Controller('users')
export class AccountsController {
  constructor(
    private readonly users: UsersService,
    private readonly accounts: AccountsService,
  ) {}

  @Get()
  @Roles('admin')
  list() {
    return this.accounts.list();
  }

  @Post()
  @Roles('admin')
  @ApiZodBody(CreateUserBody)
  create(@ZodBody(CreateUserBody) body: z.infer<typeof CreateUserBody>) {
    if (body.username.toLowerCase().startsWith('deleted-'))
      throw new DomainError('bad-input', 'user.reserved-name', 'username: names starting with "deleted-" are reserved');
    return this.users.create(body);
  }

  @Post(':userId/role')
  @HttpCode(200)
  @Roles('admin')
  @ApiIdParam('userId')
  @ApiZodBody(RoleBody)
  changeRole(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('userId') id: string,
    @ZodBody(RoleBody) body: z.infer<typeof RoleBody>,
  ) {
    return this.accounts.changeRole(by, id, body.role);
  }

  @Post(':userId/disable')
  @HttpCode(200)
  @Roles('admin')
  @ApiIdParam('userId')
  disable(@CurrentPrincipal() by: UserPrincipal, @IdParam('userId') id: string) {
    return this.accounts.setDisabled(by, id, true);
  }

  @Post(':userId/enable')
  @HttpCode(200)
  @Roles('admin')
  @ApiIdParam('userId')
  enable(@CurrentPrincipal() by: UserPrincipal, @IdParam('userId') id: string) {
    return this.accounts.setDisabled(by, id, false);
  }

  @Post(':userId/reset-password')
  @HttpCode(200)
  @Roles('admin')
  @ApiIdParam('userId')
  resetPassword(@CurrentPrincipal() by: UserPrincipal, @IdParam('userId') id: string) {
    return this.accounts.resetPassword(by, id);
  }

  @Delete(':userId')
  @HttpCode(204)
  @Roles('admin')
  @ApiIdParam('userId')
  async remove(@CurrentPrincipal() by: UserPrincipal, @IdParam('userId') id: string): Promise<void> {
    await this.accounts.delete(by, id);
  }
}

/** Open sessions (staff and players), for administrators. */
@ApiTags('accounts')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Get()
  @Roles('admin')
  list() {
    return this.sessions.listOpen();
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @Roles('admin')
  @ApiIdParam('sessionId')
  async end(@IdParam('sessionId') id: string): Promise<void> {
    if (!(await this.sessions.endOne(id, 'ended-by-admin')))
      throw new DomainError('not-found', 'session.not-found', `No open session "${id}"`);
  }
}
