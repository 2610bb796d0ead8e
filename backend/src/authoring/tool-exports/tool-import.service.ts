import { Injectable } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import { PackAuthoringService, type SavedPack } from '../packs/pack-authoring.service.js';
import { previewTool, type ToolFormat, toolJsonToPack, type ToolPreview, toolRefusal } from './tool-import.js';

/** IcebergTTX scenarios and ttx-community timelines: preview, then save as a pack version. */
@Injectable()
export class ToolImportService {
  constructor(private readonly packs: PackAuthoringService) {}

  preview(
    data: Buffer,
    opts: { fileName?: string | undefined; format?: ToolFormat | undefined; packId?: string | undefined },
  ): ToolPreview {
    return previewTool(toolJsonToPack(data, opts));
  }

  async import(
    data: Buffer,
    opts: { fileName?: string | undefined; format?: ToolFormat | undefined; packId?: string | undefined },
  ): Promise<SavedPack & { preview: ToolPreview }> {
    const parsed = toolJsonToPack(data, opts);
    const refusal = toolRefusal(parsed);
    if (refusal) throw badInput('import.no-injects', refusal);
    const preview = previewTool(parsed);
    if (!preview.valid)
      throw badInput(
        'import.invalid-pack',
        `The ${parsed.report.format} scenario makes a pack with ${preview.errors.length} error(s); nothing was saved`,
        { errors: preview.errors },
      );
    return { ...(await this.packs.save([{ path: 'pack.yaml', content: preview.yaml }], 'upload')), preview };
  }
}
