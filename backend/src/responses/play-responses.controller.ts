import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Players } from '../auth/access.decorators.js';
import type { ParticipantPrincipal } from '../auth/principal.js';
import { ApiIdParam, ApiZodBody, IdParam, ZodBody } from '../common/api-zod.js';
import { ThreadsService } from '../threads/threads.service.js';
import { ResponsesService } from './responses.service.js';

const slug = z.string().min(1).max(80);
const markdown = z.string().trim().min(1, 'write something first').max(20_000);
const notes = z.string().trim().max(20_000).default('');
const somethingSaid = (r: { text: string; optionIds: string[]; vote?: unknown }) =>
  r.text.length > 0 || r.optionIds.length > 0 || r.vote !== undefined;
const EMPTY = { message: 'write something, choose an option or vote', path: ['text'] };
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
const OpenThread = z
  .object({ partyId: slug.optional(), subject: z.string().trim().min(1).max(200), text: markdown })
  .strict();
const PostMessage = z.object({ text: markdown }).strict();

/** The player's own team: acknowledgements, responses and requests for information. */
@ApiTags('play')
@Controller('play')
export class PlayResponsesController {
  constructor(
    private readonly responses: ResponsesService,
    private readonly threads: ThreadsService,
  ) {}

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

  @Get('parties')
  @Players()
  parties(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.threads.parties(p);
  }

  @Get('threads')
  @Players()
  threadList(@CurrentPrincipal() p: ParticipantPrincipal) {
    return this.threads.teamThreads(p);
  }

  @Post('threads')
  @Players()
  @ApiZodBody(OpenThread)
  open(@CurrentPrincipal() p: ParticipantPrincipal, @ZodBody(OpenThread) body: z.infer<typeof OpenThread>) {
    return this.threads.open(p, body);
  }

  @Post('threads/:threadId/messages')
  @Players()
  @ApiIdParam('threadId')
  @ApiZodBody(PostMessage)
  post(
    @CurrentPrincipal() p: ParticipantPrincipal,
    @IdParam('threadId') threadId: string,
    @ZodBody(PostMessage) body: z.infer<typeof PostMessage>,
  ) {
    return this.threads.postAsTeam(p, threadId, body.text);
  }
}
