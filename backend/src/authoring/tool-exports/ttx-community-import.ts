import type { Inject, Phase, ScenarioPack, Team } from '../../scenarios/pack/pack-schema.js';
import { channelOf } from '../msel/inject-types.js';
import { durationCovering, offsetOf, slugify, UniqueIds } from '../slugs.js';
import { importNote } from '../import-note.js';
import { arr, blankInject, type Json, num, obj, str, type ToolImport, type ToolImportReport } from './tool-json.js';

/** Whether a JSON object looks like a ttx-community timeline export. */
export const isTtxCommunityTimeline = (json: Json) =>
  Array.isArray(json.injects) &&
  ('timeline_type' in json || 'total_injects' in json || 'exercise_id' in json) &&
  !('participant_teams' in json);

const MIN = 60_000;

/** ttx-community inject types and the channel each one is; "system" is a technical event for the SOC. */
const TYPE_CHANNEL: Record<string, Inject['channel']> = {
  mail: 'email',
  sms: 'phone',
  call: 'phone',
  socialnet: 'social',
  tv: 'video',
  doc: 'intel',
  directory: 'intel',
  story: 'sitrep',
  system: 'siem',
};

/**
 * A ttx-community timeline export (`{exercise_id, exported_at, timeline_type, total_injects,
 * phases[], injects[]}`) as a pack: time_offset (minutes from T+0) → offset, type → channel,
 * phases → phases, target teams and audiences → teams, dependency_ids → after-inject triggers,
 * content fields (subject/body/text/message/author…) → subject, body and sender.
 */
export function ttxCommunityToPack(json: Json, opts: { packId?: string | undefined } = {}): ToolImport {
  const name =
    str(json.title) ||
    str(json.name) ||
    (json.exercise_id !== undefined ? `ttx-community exercise ${str(json.exercise_id)}` : 'ttx-community timeline');
  const report: ToolImportReport = { format: 'ttx-community', name, notes: [], warnings: [], skipped: [] };
  const raw = arr(json.injects).map(obj);
  const total = num(json.total_injects);
  if (total !== undefined && total !== raw.length)
    report.warnings.push(
      importNote(
        'ttx-community.total-mismatch',
        { declared: total, found: raw.length },
        `The export says total_injects ${total} but holds ${raw.length}`,
      ),
    );

  const phaseIds = new UniqueIds();
  const phaseByRef = new Map<string, Phase>();
  const phases: Phase[] = [];
  arr(json.phases)
    .map(obj)
    .forEach((p, n) => {
      const title = str(p.name) || str(p.title) || str(p.label) || `Phase ${n + 1}`;
      const startMin = num(p.start_offset) ?? num(p.time_offset) ?? num(p.start_minute);
      const phase: Phase = {
        id: phaseIds.take(slugify(title, `phase-${n + 1}`)),
        title: title.slice(0, 200),
        start: offsetOf((startMin ?? 0) * MIN),
        ...(str(p.description) ? { summary: str(p.description).slice(0, 2000) } : {}),
      };
      phaseByRef.set(str(p.id) || String(n + 1), phase);
      phases.push(phase);
    });

  const teamIds = new UniqueIds();
  const teamByRef = new Map<string, string>();
  const teams: Team[] = [];
  const teamFor = (ref: string, label?: string) => {
    const known = teamByRef.get(ref);
    if (known) return known;
    const display = label || (/^\d+$/.test(ref) ? `Team ${ref}` : ref);
    const id = teamIds.take(slugify(display, `team-${teams.length + 1}`));
    teams.push({ id, name: display.slice(0, 200) });
    teamByRef.set(ref, id);
    return id;
  };
  for (const t of arr(json.teams).map(obj))
    if (str(t.id) || str(t.name)) teamFor(str(t.id) || str(t.name), str(t.name) || undefined);

  const injectIds = new UniqueIds();
  const idByRef = new Map<string, string>();
  const drafts: { inject: Inject; deps: string[]; offsetMs: number }[] = [];
  let last = 0;
  raw.forEach((i, n) => {
    const title = str(i.title) || `Inject ${n + 1}`;
    const type = str(i.type) || str(i.kind);
    const status = str(i.status);
    if (status === 'cancelled') {
      report.skipped.push({
        id: str(i.id),
        title,
        reason: importNote('ttx-community.cancelled', {}, 'cancelled in ttx-community'),
      });
      return;
    }
    const channel = TYPE_CHANNEL[type] ?? channelOf(type);
    if (!channel)
      report.warnings.push(
        importNote(
          'ttx-community.type-unknown',
          { title, type },
          `"${title}": type "${type}" is not known: sent as email`,
        ),
      );
    const content = obj(i.content);
    const payload = obj(i.payload);
    const field = (...keys: string[]) => keys.map((k) => str(content[k]) || str(payload[k])).find(Boolean) ?? '';
    const body =
      field('body', 'text', 'message', 'content', 'script', 'transcript', 'summary') ||
      str(i.description) ||
      str(i.summary) ||
      title;
    const sender = field('from', 'sender', 'author', 'caller', 'channel_name', 'source');
    const offsetMin = num(i.time_offset);
    const targetRefs = [
      ...arr(i.target_team_ids).map((t) => str(t)),
      ...arr(i.audiences)
        .map(obj)
        .filter((a) => str(a.kind) === 'team')
        .map((a) => str(a.value)),
    ].filter(Boolean);
    const to: Inject['to'] = targetRefs.length ? [...new Set(targetRefs.map((r) => teamFor(r)))] : 'all';
    const phase = i.phase_id !== undefined && i.phase_id !== null ? phaseByRef.get(str(i.phase_id)) : undefined;
    const offsetMs = Math.max(0, (offsetMin ?? 0) * MIN);
    if (offsetMin === undefined)
      report.warnings.push(
        importNote('ttx-community.no-time-offset', { title }, `"${title}" has no time_offset: placed at T+00:00`),
      );
    const ref = str(i.id) || str(i.custom_id);
    const id = injectIds.take(slugify(str(i.custom_id) || title, `inject-${n + 1}`));
    if (ref) idByRef.set(ref, id);
    const inject: Inject = {
      ...blankInject(),
      id,
      offset: offsetOf(offsetMs),
      to,
      channel: channel ?? 'email',
      from: { name: (sender || 'Exercise control').slice(0, 200) },
      subject: (field('subject', 'headline', 'title') || title).slice(0, 300),
      body: body.slice(0, 50_000),
      ...(phase ? { phase: phase.id } : {}),
      ...(str(i.pedagogical_objective)
        ? { facilitatorNotes: `Objective: ${str(i.pedagogical_objective)}`.slice(0, 20_000) }
        : {}),
      meta: { ttxCommunityType: type.slice(0, 40), ...(i.is_surprise === true ? { surprise: true } : {}) },
    };
    drafts.push({ inject, deps: arr(i.dependency_ids).map((d) => str(d)), offsetMs });
    last = Math.max(last, offsetMs);
  });
  for (const d of drafts) {
    const parentRef = d.deps.find((p) => idByRef.has(p));
    if (!parentRef) continue;
    const parent = drafts.find((x) => x.inject.id === idByRef.get(parentRef));
    delete d.inject.offset;
    d.inject.trigger = {
      type: 'after-inject',
      inject: idByRef.get(parentRef) as string,
      delay: offsetOf(Math.max(0, d.offsetMs - (parent?.offsetMs ?? 0))).slice(2),
    };
  }
  if (teams.length === 0) {
    teams.push({ id: 'players', name: 'Players' });
    report.notes.push(
      importNote('ttx-community.no-team', {}, 'The export names no team: one team "Players" receives every inject'),
    );
  } else if (teams.some((t) => /^Team \d+$/.test(t.name)))
    report.notes.push(
      importNote(
        'ttx-community.numbered-teams',
        {},
        'ttx-community exports teams by number: rename the teams after the import',
      ),
    );
  if (str(json.timeline_type))
    report.notes.push(
      importNote(
        str(json.exported_at) ? 'ttx-community.timeline-type-dated' : 'ttx-community.timeline-type',
        { type: str(json.timeline_type), exportedAt: str(json.exported_at) },
        `Timeline type "${str(json.timeline_type)}" exported ${str(json.exported_at) ? `on ${str(json.exported_at)}` : ''}`.trim(),
      ),
    );

  const pack: ScenarioPack = {
    id: opts.packId ?? slugify(name, 'ttx-community-import'),
    title: name.slice(0, 200),
    summary: (str(json.description) || `Imported from the ttx-community timeline "${name}".`).slice(0, 5000),
    version: '1.0.0',
    duration: durationCovering(last),
    tags: ['ttx-community-import'],
    classification: 'TLP:CLEAR',
    threatActors: [],
    teams,
    objectives: [],
    phases: phases.sort((a, b) => a.start.localeCompare(b.start)),
    injects: drafts.map((d) => d.inject),
  };
  return { pack, report };
}
