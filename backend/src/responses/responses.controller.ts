import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Roles } from '../auth/access.decorators.js';
import type { UserPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodQuery, IdParam, ZodQuery } from '../common/api-zod.js';
import { ResponsesService } from './responses.service.js';

/** the control room's feed: the most recently changed responses, a page at a time */
const FEED_LIMIT = z.coerce.number().int().min(1).max(2000);
const FeedQuery = z.object({ limit: FEED_LIMIT.default(200) }).strict();

/** Staff's view of every team's responses. */
@ApiTags('exercises')
@Controller('exercises/:id')
export class ResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  /** The newest `limit` responses by last change (default 200) and how many there are in all; the report has every one. */
  @Get('responses')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator', 'observer')
  @ApiIdParam('id')
  @ApiZodQuery('limit', FEED_LIMIT)
  responsesOf(
    @CurrentPrincipal() by: UserPrincipal,
    @IdParam('id') id: string,
    @ZodQuery(FeedQuery) q: z.infer<typeof FeedQuery>,
  ) {
    return this.responses.exerciseResponses(by, id, q.limit);
  }
}
