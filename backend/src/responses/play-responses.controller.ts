import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players } from '../auth/access.decorators.js';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { ResponsesService } from './responses.service.js';

const slug = z.string().min(1).max(80);
const notes = z.string().trim().max(20_000).default('');
const somethingSaid = (r: { text: string; optionIds: string[]; vote?: unknown }) =>
  r.text.length > 0 || r.optionIds.length > 0 || r.vote !== undefined;
const EMPTY = {
  message: 'write something, choose an option or vote',
  path: ['text'],
  params: { code: 'response.empty' },
};
const CreateResponse = z
  .object({
    injectId: slug,
    text: notes,
    optionIds: z.array(slug).max(50).default([]),
    vote: z
      .object({ decisionId: slug, choice: slug, reason: z.string().max(5000).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine(somethingSaid, EMPTY);
const UpdateResponse = z
  .object({ text: notes, optionIds: z.array(slug).max(50).default([]) })
  .strict()
  .refine(somethingSaid, EMPTY);

/** The player's own team: acknowledgements and responses. */
@ApiTags('play')
@Controller('play')
export class PlayResponsesController {
  constructor(private readonly responses: ResponsesService) {}

  @Post('injects/:injectId/ack')
  @HttpCode(200)
  @Players()
  @ApiIdParam('injectId')
  ack(@CurrentPrincipal() p: ParticipantPrincipal, @IdParam('injectId') injectId: string) {
    return this.responses.acknowledge(p, injectId);
  }

  @Get('acks')
  @Players()
  acks(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.responses.teamAcks(p);
  }

  @Get('responses')
  @Players()
  list(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.responses.teamResponses(p);
  }

  @Post('responses')
  @Players()
  @ApiZodBody(CreateResponse)
  create(@CurrentPrincipal() p: ParticipantPrincipal, @ZodBody(CreateResponse) body: z.infer<typeof CreateResponse>) {
    return this.responses.create(p, body);
  }

  @Put('responses/:id')
  @Players()
  @ApiIdParam('id')
  @ApiZodBody(UpdateResponse)
  update(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @IdParam('id') id: string,
    @ZodBody(UpdateResponse) body: z.infer<typeof UpdateResponse>,
  ) {
    return this.responses.update(p, id, body);
  }
}
