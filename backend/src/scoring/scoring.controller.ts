import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players, Roles } from '../auth/access.decorators.js';
import type { ParticipantPrincipal, UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, ApiZodQuery, IdParam, ZodBody, ZodQuery } from '../common/api-zod.js';
import { RATINGS } from './score-views.js';
import { ScoringService } from './scoring.service.js';

const id80 = z.string().min(1).max(80);
const reason = z.string().trim().min(1, 'say why (it is shown in the score breakdown)').max(2000);
const EvaluationBody = z
  .object({ teamId: id80, injectId: id80, expectedActionId: id80, met: z.boolean(), reason })
  .strict();
const AdjustBody = z.object({ teamId: id80, injectId: id80, points: z.number().min(-1000).max(1000), reason }).strict();
const RatingBody = z
  .object({
    teamId: id80,
    objectiveId: id80,
    rating: z.enum(RATINGS),
    observations: z.string().trim().max(10_000).default(''),
  })
  .strict();
/** a language tag such as "en" or "ko" (one the pack does not carry reads the source) */
const LANGUAGE = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language tag such as "en" or "ko"');
const ScoresQuery = z
  .object({ recompute: z.enum(['true', 'false']).optional(), language: LANGUAGE.optional() })
  .strict();
const QUEUE_LIMIT = z.coerce.number().int().min(1).max(2000);
const QueueQuery = z.object({ teamId: id80.optional(), limit: QUEUE_LIMIT.default(200) }).strict();
const VisibilityBody = z
  .object({ scoresVisible: z.boolean().optional(), leaderboard: z.boolean().optional() })
  .strict();

const CONTROL = ['admin', 'instructor', 'facilitator', 'evaluator'] as const;
const SCORERS = ['admin', 'instructor', 'evaluator', 'facilitator'] as const;

@ApiTags('scoring')
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  /**
   * Live totals; `?recompute=true` rebuilds them from the event log instead. `?language=ko`: the
   * reader's language (options and a distractor's why as the pack words them there, the team's beside).
   */
  @Get('exercises/:id/scores')
  @Roles(...CONTROL)
  @ApiIdParam('id')
  @ApiZodQuery('recompute', z.enum(['true', 'false']))
  @ApiZodQuery('language', LANGUAGE)
  scores(@IdParam('id') id: string, @ZodQuery(ScoresQuery) q: z.infer<typeof ScoresQuery>) {
    return this.scoring.forStaff(id, { recompute: q.recompute === 'true', language: q.language });
  }

  @Get('exercises/:id/evaluation/queue')
  @Roles(...SCORERS)
  @ApiIdParam('id')
  @ApiZodQuery('teamId', id80)
  @ApiZodQuery('limit', QUEUE_LIMIT)
  queue(@IdParam('id') id: string, @ZodQuery(QueueQuery) q: z.infer<typeof QueueQuery>) {
    return this.scoring.queue(id, q);
  }

  @Post('exercises/:id/evaluations')
  @Roles(...SCORERS)
  @ApiIdParam('id')
  @ApiZodBody(EvaluationBody)
  evaluate(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(EvaluationBody) body: z.infer<typeof EvaluationBody>,
  ) {
    return this.scoring.evaluate(by, id, body);
  }

  @Post('exercises/:id/score-adjustments')
  @Roles(...SCORERS)
  @ApiIdParam('id')
  @ApiZodBody(AdjustBody)
  adjust(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(AdjustBody) body: z.infer<typeof AdjustBody>,
  ) {
    return this.scoring.adjust(by, id, body);
  }

  @Get('exercises/:id/ratings')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator', 'observer')
  @ApiIdParam('id')
  ratings(@IdParam('id') id: string) {
    return this.scoring.ratings(id);
  }

  @Post('exercises/:id/ratings')
  @Roles(...SCORERS)
  @ApiIdParam('id')
  @ApiZodBody(RatingBody)
  rate(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(RatingBody) body: z.infer<typeof RatingBody>,
  ) {
    return this.scoring.rate(by, id, body);
  }

  @Post('exercises/:id/score-visibility')
  @HttpCode(200)
  @Roles('admin', 'instructor')
  @ApiIdParam('id')
  @ApiZodBody(VisibilityBody)
  visibility(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodBody(VisibilityBody) body: z.infer<typeof VisibilityBody>,
  ) {
    return this.scoring.settings(by, id, body);
  }

  @Get('play/scores')
  @Players()
  mine(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.scoring.forTeam(p);
  }
}
