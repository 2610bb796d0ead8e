import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players, Roles } from '../auth/access.decorators.js';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { DecisionsService } from './decisions.service.js';

const ExtendBody = z.object({ deadlineScenarioMs: z.number().int().min(0) }).strict();
const ForceBody = z.object({ outcome: z.string().min(1).max(80) }).strict();
// the reason's own limit (MAX_BLOCK_REASON) is checked with the choice, so that the error can name it
const VoteBody = z
  .object({
    decisionId: z.string().min(1).max(80),
    choice: z.string().min(1).max(80),
    reason: z.string().max(5000).optional(),
  })
  .strict();

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Get('exercises/:id/decisions')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator', 'observer')
  @ApiIdParam('id')
  list(@CurrentPrincipal() by: UserPrincipal, @IdParam('id') id: string) {
    return this.decisions.listFor(by, id);
  }

  @Post('exercises/:id/decisions/:decisionRowId/extend')
  @HttpCode(200)
  @Roles('admin', 'instructor', 'facilitator')
  @ApiIdParam('id')
  @ApiIdParam('decisionRowId')
  @ApiZodBody(ExtendBody)
  extend(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('decisionRowId') rowId: string,
    @ZodBody(ExtendBody) body: z.infer<typeof ExtendBody>,
  ) {
    return this.decisions.extend(by, id, rowId, body.deadlineScenarioMs);
  }

  @Post('exercises/:id/decisions/:decisionRowId/force')
  @HttpCode(200)
  @Roles('admin', 'instructor', 'facilitator')
  @ApiIdParam('id')
  @ApiIdParam('decisionRowId')
  @ApiZodBody(ForceBody)
  force(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @IdParam('decisionRowId') rowId: string,
    @ZodBody(ForceBody) body: z.infer<typeof ForceBody>,
  ) {
    return this.decisions.force(by, id, rowId, body.outcome);
  }

  @Get('play/decisions')
  @Players()
  mine(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.decisions.forTeam(p);
  }

  /** Voting without a written response (the response composer can also carry a vote). */
  @Post('play/votes')
  @HttpCode(200)
  @Players()
  @ApiZodBody(VoteBody)
  async vote(@CurrentPrincipal() p: ParticipantPrincipal, @ZodBody(VoteBody) body: z.infer<typeof VoteBody>) {
    await this.decisions.checkedVote(p, body.decisionId, body.choice, body.reason);
    return this.decisions.forTeam(p);
  }
}
