import { join } from 'node:path';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { parseDurationMs, parseOffsetMs, type ScenarioPack } from '../../backend/src/scenarios/pack/pack-schema.js';
import { REPO_ROOT } from './app-process.js';

export function loadPack(folder: string): ScenarioPack {
  const r = loadPackFolder(join(REPO_ROOT, 'injects', folder));
  if (!r.ok) throw new Error(`pack ${folder} invalid: ${JSON.stringify(r.errors)}`);
  return r.source.pack;
}

/**
 * Injects released by the clock alone (an offset, a contingency nobody pre-empted, or a chain of
 * after-inject triggers), with their exercise-clock times and target team keys: what a drill with
 * no player activity must deliver.
 */
export function clockReleasedInjects(pack: ScenarioPack): { id: string; scenarioMs: number; teams: string[] }[] {
  const all = pack.teams.map((t) => t.id);
  const times = new Map<string, number>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const i of pack.injects) {
      if (times.has(i.id)) continue;
      if (i.offset !== undefined) times.set(i.id, parseOffsetMs(i.offset));
      // with no player activity every contingency fires, to all its teams
      else if (i.trigger?.type === 'contingency') times.set(i.id, parseOffsetMs(i.trigger.at));
      else if (i.trigger?.type === 'after-inject' && times.has(i.trigger.inject))
        times.set(i.id, (times.get(i.trigger.inject) ?? 0) + parseDurationMs(i.trigger.delay));
      else continue;
      changed = true;
    }
  }
  return pack.injects
    .filter((i) => times.has(i.id))
    .map((i) => ({ id: i.id, scenarioMs: times.get(i.id) ?? 0, teams: i.to === 'all' ? all : i.to }))
    .sort((a, b) => a.scenarioMs - b.scenarioMs);
}
