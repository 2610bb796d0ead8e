import { Injectable } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import type { PackError } from '../../scenarios/pack/pack-loader.js';
import { loadPackFiles, packToYaml } from '../packs/pack-files.js';
import { PackAuthoringService, type SavedPack } from '../packs/pack-authoring.service.js';
import { openAevRefusal, openAevToPack, type OpenAevReport, readOpenAevExport } from './openaev-import.js';

export interface OpenAevPreview {
  report: OpenAevReport;
  valid: boolean;
  errors: PackError[];
  yaml: string;
  counts: { teams: number; objectives: number; injects: number; skipped: number };
}

@Injectable()
export class OpenAevService {
  constructor(private readonly packs: PackAuthoringService) {}

  async preview(data: Buffer, packId?: string): Promise<OpenAevPreview> {
    const { json, format } = await readOpenAevExport(data);
    const { pack, report } = openAevToPack(json, format, { packId });
    const yaml = packToYaml(pack);
    const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }], 'openaev');
    return {
      report,
      valid: loaded.ok,
      errors: loaded.ok ? [] : loaded.errors,
      yaml,
      counts: {
        teams: pack.teams.length,
        objectives: pack.objectives.length,
        injects: pack.injects.length,
        skipped: report.skipped.length,
      },
    };
  }

  async import(data: Buffer, packId?: string): Promise<SavedPack & { preview: OpenAevPreview }> {
    const { json, format } = await readOpenAevExport(data);
    const parsed = openAevToPack(json, format, { packId });
    const refusal = openAevRefusal(parsed.pack, parsed.report);
    if (refusal)
      throw badInput('openaev.no-injects', `The export cannot be imported: ${refusal.replace(/written$/, 'saved')}`);
    const preview = await this.preview(data, packId);
    if (!preview.valid)
      throw badInput(
        'openaev.invalid-pack',
        `The export makes a pack with ${preview.errors.length} error(s); nothing was saved`,
        { errors: preview.errors },
      );
    return { ...(await this.packs.save([{ path: 'pack.yaml', content: preview.yaml }], 'openaev')), preview };
  }
}
