import TurndownService from 'turndown';
import { badInput } from '../../common/domain-error.js';
import type { Channel, Inject, Objective, ScenarioPack, Team } from '../../scenarios/pack/pack-schema.js';
import { readZip } from '../packs/safe-zip.js';
import { durationCovering, offsetOf, slugify, UniqueIds } from '../slugs.js';
import { type ImportNote, importNote } from '../import-note.js';

/** What an OpenAEV (formerly OpenBAS) scenario export became, inject by inject. */
export interface OpenAevReport {
  format: 'zip' | 'json';
  layout: 'scenario' | 'exercise';
  name: string;
  imported: { injectId: string; title: string; kind: string; offset: string | null; trigger: string | null }[];
  /** injects that are not tabletop content (scans, implants, payloads…), never dropped silently */
  skipped: { title: string; kind: string; reason: ImportNote }[];
  warnings: ImportNote[];
  variables: { resolved: string[]; unknown: string[] };
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Injector types whose content is something people read: they become injects. */
const TABLETOP: Record<string, Channel> = {
  email: 'email',
  mail: 'email',
  manual: 'sitrep',
  channel: 'news',
  sms: 'phone',
  ovh_sms: 'phone',
  mastodon: 'social',
};
const CHANNEL_TYPES: Record<string, Channel> = { newspaper: 'news', microblogging: 'social', tv: 'video' };

export async function readOpenAevExport(data: Buffer): Promise<{ json: Json; format: 'zip' | 'json' }> {
  const isZip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;
  let text: string;
  if (isZip) {
    const entries = await readZip(data);
    // each entry's zip comment names its type; the scenario (or simulation) is the one to read
    const main =
      entries.find((e) => /^(scenario|exercise)$/i.test(e.comment.trim())) ??
      entries.find((e) => e.path.endsWith('.json') && !/^attachment$/i.test(e.comment.trim()));
    if (!main)
      throw badInput(
        'openaev.no-scenario',
        'The zip holds no scenario JSON (no entry whose comment is "Scenario" or "Exercise")',
      );
    text = main.data.toString('utf8');
  } else text = data.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput('openaev.bad-json', `The export is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw badInput('openaev.bad-json', 'The export is not a JSON object');
  return { json: json as Json, format: isZip ? 'zip' : 'json' };
}

export function openAevToPack(
  json: Json,
  format: 'zip' | 'json',
  opts: { packId?: string | undefined } = {},
): { pack: ScenarioPack; report: OpenAevReport } {
  const layout = 'scenario_information' in json ? 'scenario' : 'exercise_information' in json ? 'exercise' : null;
  if (!layout)
    throw badInput(
      'openaev.unknown-layout',
      'This JSON is not an OpenAEV/OpenBAS export: it has neither scenario_information nor exercise_information',
    );
  const k = (key: string) => json[`${layout}_${key}`];
  const info = obj(k('information'));
  const name = str(info[`${layout}_name`]).trim() || 'OpenAEV scenario';
  const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced' });
  const md = (html: string) => (/<[a-z][\s\S]*>/i.test(html) ? turndown.turndown(html) : html).trim();

  const report: OpenAevReport = {
    format,
    layout,
    name,
    imported: [],
    skipped: [],
    warnings: [],
    variables: { resolved: [], unknown: [] },
  };
  const variables = new Map<string, string>();
  for (const v of arr(k('variables'))) {
    const key = str(obj(v).variable_key);
    if (key) variables.set(key, str(obj(v).variable_value));
  }
  const resolved = new Set<string>();
  const unknown = new Set<string>();
  const builtins = new Map<string, string>([
    [`${layout}.name`, name],
    ['exercise.name', name],
    ['scenario.name', name],
  ]);
  const resolve = (s: string) =>
    s.replace(/\$\{\s*([\w.-]+)\s*\}/g, (whole, key: string) => {
      const v = variables.get(key) ?? builtins.get(key);
      if (v === undefined) {
        unknown.add(key);
        return whole;
      }
      resolved.add(key);
      return v;
    });

  // teams (exports may list a team twice)
  const teamIds = new UniqueIds();
  const teamByRef = new Map<string, string>();
  const teams: Team[] = [];
  for (const t of arr(k('teams'))) {
    const ref = str(obj(t).team_id);
    if (ref && teamByRef.has(ref)) continue;
    const tname = str(obj(t).team_name).trim() || `Team ${teams.length + 1}`;
    const id = teamIds.take(slugify(tname, `team-${teams.length + 1}`));
    teams.push({
      id,
      name: tname.slice(0, 200),
      ...(str(obj(t).team_description) ? { description: md(str(obj(t).team_description)).slice(0, 2000) } : {}),
    });
    if (ref) teamByRef.set(ref, id);
  }
  if (teams.length === 0) {
    teams.push({
      id: 'players',
      name: 'Players',
      description: 'The export defines no team; every inject goes to this one.',
    });
    report.warnings.push(
      importNote('openaev.no-team', {}, 'The export defines no team: one team "Players" was created'),
    );
  }

  const objectiveIds = new UniqueIds();
  const objectives: Objective[] = arr(k('objectives')).map((o, n) => {
    const title = str(obj(o).objective_title).trim() || `Objective ${n + 1}`;
    const desc = str(obj(o).objective_description).trim();
    return {
      id: objectiveIds.take(slugify(title, `obj-${n + 1}`)),
      text: (desc ? `${title}: ${md(desc)}` : title).slice(0, 1000),
      coreCapability: 'Unspecified (imported from OpenAEV)',
    };
  });

  const channels = new Map<string, Json>(arr(k('channels')).map((c) => [str(obj(c).channel_id), obj(c)]));
  const articles = new Map<string, Json>(arr(k('articles')).map((a) => [str(obj(a).article_id), obj(a)]));
  const mailFrom = str(info[`${layout}_mail_from`]);

  const injectIds = new UniqueIds();
  const idByRef = new Map<string, string>();
  const secondsByRef = new Map<string, number>();
  const drafts: { inject: Inject; parents: string[]; seconds: number }[] = [];
  for (const raw of arr(k('injects'))) {
    const i = obj(raw);
    const title = str(i.inject_title).trim() || 'Untitled inject';
    const contract = obj(i.inject_injector_contract);
    const type =
      str(contract.injector_contract_injector_type) || str(obj(contract.injector_contract_labels).en) || 'unknown';
    const kind = type.replace(/^(openaev|openbas|openex)_/, '');
    const channelBase = TABLETOP[kind];
    if (!channelBase) {
      const label = str(obj(contract.injector_contract_labels).en) || kind;
      report.skipped.push({
        title,
        kind: type,
        reason: importNote(
          'openaev.technical-inject',
          { type, label },
          `"${type}" is a technical inject (${label}), not tabletop content`,
        ),
      });
      continue;
    }
    const content = obj(i.inject_content);
    const seconds = Math.max(0, Math.round(Number(i.inject_depends_duration ?? 0)) || 0);
    const ref = str(i.inject_id);
    let channel = channelBase;
    let body = md(
      resolve(str(content.body) || str(content.message) || str(content.content) || str(i.inject_description)),
    );
    let from: Inject['from'] =
      kind === 'manual'
        ? { name: 'Exercise control' }
        : mailFrom
          ? { name: mailFrom, address: mailFrom }
          : { name: 'Exercise control' };
    if (kind === 'channel') {
      const arts = arr(content.articles)
        .map((a) => articles.get(str(a)))
        .filter((a): a is Json => a !== undefined);
      const first = arts[0];
      if (first) {
        const ch = channels.get(str(first.article_channel));
        channel = CHANNEL_TYPES[str(ch?.channel_type)] ?? 'news';
        from = { name: str(first.article_author) || str(ch?.channel_name) || 'Media' };
        const texts = arts.map((a) => `## ${str(a.article_name)}\n\n${md(resolve(str(a.article_content)))}`);
        body = [body, ...texts].filter(Boolean).join('\n\n');
      }
    }
    if (!body) body = title;
    const to: Inject['to'] =
      i.inject_all_teams === true
        ? 'all'
        : (() => {
            const ids = arr(i.inject_teams)
              .map((t) => teamByRef.get(str(t)))
              .filter((t): t is string => t !== undefined);
            return ids.length ? [...new Set(ids)] : 'all';
          })();
    if (to === 'all' && i.inject_all_teams !== true)
      report.warnings.push(
        importNote('openaev.no-known-team', { title }, `"${title}" names no known team: sent to all teams`),
      );
    if (i.inject_enabled === false)
      report.warnings.push(
        importNote('openaev.disabled', { title }, `"${title}" is disabled in OpenAEV; it is imported and will fire`),
      );
    const actionIds = new UniqueIds();
    const expectedActions = arr(content.expectations).map((e, n) => {
      const ename = str(obj(e).expectation_name).trim() || str(obj(e).expectation_type) || `Expectation ${n + 1}`;
      const edesc = str(obj(e).expectation_description).trim();
      const score = Math.min(1000, Math.max(0, Math.round(Number(obj(e).expectation_score ?? 10)) || 0));
      return {
        id: actionIds.take(slugify(ename, `ea-${n + 1}`)),
        text: (edesc ? `${ename} — ${md(resolve(edesc))}` : ename).slice(0, 1000),
        points: score,
        options: [] as string[],
      };
    });
    const id = injectIds.take(slugify(title, `inject-${drafts.length + 1}`));
    if (ref) {
      idByRef.set(ref, id);
      secondsByRef.set(ref, seconds);
    }
    const subject = resolve(str(content.subject).trim() || title);
    drafts.push({
      seconds,
      parents: dependencyParents(i.inject_depends_on),
      inject: {
        id,
        offset: offsetOf(seconds * 1000),
        to,
        channel,
        from,
        subject: subject.slice(0, 300),
        body: body.slice(0, 50_000),
        artifacts: [],
        tags: { groups: [], attack: [], disarm: [], assumed: [] },
        objectives: [],
        responseOptions: [],
        expectedActions,
        ...(str(i.inject_description).trim() && (str(content.body) || str(content.message))
          ? { facilitatorNotes: md(resolve(str(i.inject_description))).slice(0, 20_000) }
          : {}),
        meta: { openaevType: type },
      },
    });
  }

  // a dependency releases the child after its parent; the gap between their planned times is the delay
  for (const d of drafts) {
    const parentRef = d.parents.find((p) => idByRef.has(p));
    if (!parentRef) {
      if (d.parents.length)
        report.warnings.push(
          importNote(
            'openaev.parent-not-imported',
            { title: d.inject.subject },
            `"${d.inject.subject}" depends on an inject that was not imported: it keeps its own time instead`,
          ),
        );
      continue;
    }
    const delaySeconds = Math.max(0, d.seconds - (secondsByRef.get(parentRef) ?? 0));
    delete d.inject.offset;
    d.inject.trigger = {
      type: 'after-inject',
      inject: idByRef.get(parentRef) as string,
      delay: offsetOf(delaySeconds * 1000).slice(2),
    };
  }
  for (const d of drafts) {
    const t = d.inject.trigger;
    report.imported.push({
      injectId: d.inject.id,
      title: d.inject.subject,
      kind: str(d.inject.meta.openaevType),
      offset: d.inject.offset ?? null,
      trigger: t && t.type === 'after-inject' ? `after ${t.inject} +${t.delay}` : null,
    });
  }
  report.variables = { resolved: [...resolved], unknown: [...unknown] };
  if (unknown.size) {
    const names = [...unknown].map((v) => `\${${v}}`).join(', ');
    report.warnings.push(
      importNote('openaev.unknown-variables', { variables: names }, `Unknown variables left as written: ${names}`),
    );
  }

  const last = Math.max(0, ...drafts.map((d) => d.seconds * 1000));
  const description = md(resolve(str(info[`${layout}_description`])));
  const pack: ScenarioPack = {
    id: opts.packId ?? slugify(name, 'openaev-import'),
    title: name.slice(0, 200),
    summary: (description || str(info[`${layout}_subtitle`]) || `Imported from the OpenAEV ${layout} "${name}".`).slice(
      0,
      5000,
    ),
    version: '1.0.0',
    duration: durationCovering(last),
    tags: ['openaev-import'],
    classification: 'TLP:CLEAR',
    threatActors: [],
    teams,
    objectives,
    phases: [],
    injects: drafts.map((d) => d.inject),
  };
  return { pack, report };
}

/**
 * Why the pack must not be written, or null: an export whose injects are all technical (scans,
 * implants) or that has none makes a pack players would never receive anything from.
 */
export function openAevRefusal(pack: ScenarioPack, report: OpenAevReport): string | null {
  if (pack.injects.length > 0) return null;
  if (report.skipped.length)
    return `none of its ${report.skipped.length} inject(s) is tabletop content (${[...new Set(report.skipped.map((s) => s.kind))].join(', ')}): there is nothing for players to receive; nothing was written`;
  return `the ${report.layout} "${report.name}" has no inject: there is nothing for players to receive; nothing was written`;
}

/** `inject_depends_on` is a parent id in old exports and a list of dependency objects in new ones. */
function dependencyParents(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  return arr(v).flatMap((d) => {
    if (typeof d === 'string') return [d];
    const rel = obj(obj(d).dependency_relationship);
    const parent = str(rel.inject_parent_id) || str(obj(d).inject_parent_id);
    return parent ? [parent] : [];
  });
}
