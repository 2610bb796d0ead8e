import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthController, UsersController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { JoinRateLimiter } from './join-rate-limiter.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { RateLimitStore } from './rate-limit-store.js';
import { TokenService } from './token.service.js';
import { UserEntity } from './user.entity.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity])],
  controllers: [AuthController, UsersController],
  providers: [TokenService, UsersService, RateLimitStore, LoginRateLimiter, JoinRateLimiter, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [TokenService, UsersService, JoinRateLimiter],
})
export class AuthModule {}
