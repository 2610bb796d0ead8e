import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { ParticipantsService } from './participants.service.js';

const STEER = ['admin', 'instructor', 'facilitator'] as const;
const SeatLimitBody = z
  .object({
    seatLimit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1 (or null for no cap)')
      .max(1000)
      .nullable(),
  })
  .strict();

/** Who holds a seat in each team, and the facilitator's levers: remove a player, rotate a code, cap the seats. */
@ApiTags('exercises')
@Controller('exercises/:id')
export class ParticipantsController {
  constructor(private readonly participants: ParticipantsService) {}

  @Get('participants')
  @Roles(...STEER)
  @ApiIdParam('id')
  list(@IdParam('id') id: string) {
    return this.participants.list(id);
  }

  @Post('participants/:participantId/remove')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('participantId')
  remove(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('participantId') participantId: string,
  ) {
    return this.participants.remove(by, id, participantId);
  }

  @Get('team-access')
  @Roles(...STEER)
  @ApiIdParam('id')
  teamAccess(@IdParam('id') id: string) {
    return this.participants.teamAccess(id);
  }

  @Post('teams/:teamId/rotate-code')
  @HttpCode(200)
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('teamId')
  rotateCode(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string, @IdParam('teamId') teamId: string) {
    return this.participants.rotateCode(by, id, teamId);
  }

  @Put('teams/:teamId/seat-limit')
  @Roles(...STEER)
  @ApiIdParam('id')
  @ApiIdParam('teamId')
  @ApiZodBody(SeatLimitBody)
  seatLimit(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('teamId') teamId: string,
    @ZodBody(SeatLimitBody) body: z.infer<typeof SeatLimitBody>,
  ) {
    return this.participants.setSeatLimit(by, id, teamId, body.seatLimit);
  }
}
