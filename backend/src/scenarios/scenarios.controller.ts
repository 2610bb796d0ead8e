import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/access.decorators.js';
import { ApiIdParam, IdParam } from '../common/api-zod.js';
import { ScenariosService } from './scenarios.service.js';

@ApiTags('scenarios')
@Controller('scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Get()
  @Roles('admin', 'instructor', 'facilitator', 'evaluator')
  list() {
    return this.scenarios.listLatest();
  }

  /** The full pack, including expected actions and facilitator notes: staff who author or run drills only. */
  @Get(':id')
  @Roles('admin', 'instructor', 'facilitator', 'evaluator')
  @ApiIdParam('id')
  async get(@IdParam('id') id: string) {
    const row = await this.scenarios.get(id);
    return { id: row.id, packId: row.packId, version: row.version, contentHash: row.contentHash, pack: row.document };
  }
}
