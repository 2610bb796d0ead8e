import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsController, SessionsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { JoinRateLimiter } from './join-rate-limiter.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { OidcController } from './oidc.controller.js';
import { OidcService } from './oidc.service.js';
import { RateLimitStore } from './rate-limit-store.js';
import { SessionsModule } from './sessions.module.js';
import { UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), SessionsModule],
  controllers: [AuthController, OidcController, AccountsController, SessionsController],
  providers: [
    UsersService,
    AccountsService,
    OidcService,
    RateLimitStore,
    LoginRateLimiter,
    JoinRateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionsModule, UsersService, JoinRateLimiter],
})
export class AuthModule {}
