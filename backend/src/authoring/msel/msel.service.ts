import { Injectable } from '@nestjs/common';
import { badInput } from '../../common/domain-error.js';
import { ScenariosService } from '../../scenarios/scenarios.service.js';
import { PackAuthoringService, type SavedPack } from '../packs/pack-authoring.service.js';
import { mselCsv, mselXlsx } from './msel-export.js';
import { importRefusal, type MselDryRun, type MselRequest } from './msel-preview.js';
import { previewMselOffProcess, readMselOffProcess } from './preview-process.js';

export type { MselDryRun, MselRequest } from './msel-preview.js';

/** MSEL spreadsheets in and out: preview every row before saving, then save as a pack version. */
@Injectable()
export class MselService {
  constructor(
    private readonly packs: PackAuthoringService,
    private readonly scenarios: ScenariosService,
  ) {}

  /** Read, built and validated in a low-priority reader process: a large upload never delays a delivery. */
  preview(data: Buffer, req: MselRequest): Promise<MselDryRun> {
    return previewMselOffProcess(data, req);
  }

  async import(data: Buffer, req: MselRequest): Promise<SavedPack & { preview: MselDryRun }> {
    const { preview, source } = await readMselOffProcess(data, req);
    const refusal = importRefusal(preview, req);
    if (refusal)
      throw badInput(refusal.code, refusal.message, {
        errors: preview.packErrors,
        rows: preview.rows.filter((r) => r.errors.length),
      });
    // the reader process validated the pack with the same loader a save runs: validating a large
    // sheet's pack again here would hold the server's event loop for seconds
    // (a sheet names no image files; a source that holds images is validated again here instead)
    const saved =
      source && source.images.length === 0
        ? await this.packs.storeValidated(source, 'msel')
        : await this.packs.save([{ path: 'pack.yaml', content: preview.yaml }, ...preview.translationFiles], 'msel');
    return { ...saved, preview };
  }

  async export(
    idOrPackId: string,
    format: 'xlsx' | 'csv',
  ): Promise<{ fileName: string; data: Buffer; contentType: string }> {
    const row = await this.scenarios.get(idOrPackId);
    const base = `${row.packId}-${row.version}-msel`;
    if (format === 'csv')
      return {
        fileName: `${base}.csv`,
        data: Buffer.from(`\uFEFF${mselCsv(row.document)}`, 'utf8'),
        contentType: 'text/csv; charset=utf-8',
      };
    return {
      fileName: `${base}.xlsx`,
      data: await mselXlsx(row.document),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
}
