import { badInput } from '../../common/domain-error.js';
import type { PackError } from '../../scenarios/pack/pack-loader.js';
import { loadPackFiles, packToYaml } from '../packs/pack-files.js';
import { icebergTtxToPack, isIcebergTtx } from './icebergttx-import.js';
import { parseJsonObject, type ToolImport, type ToolImportReport, toolRefusal } from './tool-json.js';
import { isTtxCommunityTimeline, ttxCommunityToPack } from './ttx-community-import.js';

export type ToolFormat = 'icebergttx' | 'ttx-community';

export interface ToolPreview {
  report: ToolImportReport;
  valid: boolean;
  errors: PackError[];
  yaml: string;
  counts: { teams: number; injects: number; decisions: number; triggered: number; skipped: number };
}

/**
 * Another tabletop tool's scenario JSON as a pack, the format recognised from its keys unless
 * given: the one code path of `ttx import-icebergttx`, `ttx import-timeline` and the web import.
 */
export function toolJsonToPack(
  data: Buffer,
  opts: { fileName?: string | undefined; format?: ToolFormat | undefined; packId?: string | undefined },
): ToolImport {
  const file = opts.fileName ?? 'the file';
  const json = parseJsonObject(data, file);
  const format =
    opts.format ?? (isIcebergTtx(json) ? 'icebergttx' : isTtxCommunityTimeline(json) ? 'ttx-community' : undefined);
  // a file of the other kind (or an OpenAEV export) says which import takes it
  const otherKind = (): string =>
    isIcebergTtx(json)
      ? ': it is an IcebergTTX scenario (ttx import-icebergttx, or the web import)'
      : isTtxCommunityTimeline(json)
        ? ': it is a ttx-community timeline (ttx import-timeline, or the web import)'
        : 'scenario_information' in json || 'exercise_information' in json
          ? ': it is an OpenAEV export (ttx import-openaev)'
          : '';
  if (format === 'icebergttx' && !isIcebergTtx(json))
    throw badInput(
      'import.not-icebergttx',
      `"${file}" is not an IcebergTTX scenario: expected schema_version, participant_teams and injects${otherKind()}`,
    );
  if (format === 'ttx-community' && !isTtxCommunityTimeline(json))
    throw badInput(
      'import.not-timeline',
      `"${file}" is not a ttx-community timeline export: expected exercise_id, timeline_type and injects${otherKind()}`,
    );
  if (!format) {
    const hint =
      'scenario_information' in json || 'exercise_information' in json
        ? ': it is an OpenAEV export (use the OpenAEV import)'
        : '';
    throw badInput(
      'import.unknown-format',
      `"${file}" is neither an IcebergTTX scenario (schema_version, participant_teams, injects) nor a ttx-community timeline (exercise_id, timeline_type, injects)${hint}`,
    );
  }
  return format === 'icebergttx'
    ? icebergTtxToPack(json, { packId: opts.packId })
    : ttxCommunityToPack(json, { packId: opts.packId });
}

export function previewTool(t: ToolImport): ToolPreview {
  const yaml = packToYaml(t.pack);
  const loaded = loadPackFiles([{ path: 'pack.yaml', content: yaml }], t.report.format);
  return {
    report: t.report,
    valid: loaded.ok,
    errors: loaded.ok ? [] : loaded.errors,
    yaml,
    counts: {
      teams: t.pack.teams.length,
      injects: t.pack.injects.length,
      decisions: t.pack.injects.filter((i) => i.decision).length,
      triggered: t.pack.injects.filter((i) => i.trigger).length,
      skipped: t.report.skipped.length,
    },
  };
}

export { toolRefusal };
