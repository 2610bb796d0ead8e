import { badInput } from '../../common/domain-error.js';
import type { Inject, ScenarioPack, Team } from '../../scenarios/pack/pack-schema.js';
import { channelOf } from '../msel/inject-types.js';
import { durationCovering, offsetOf, slugify, UniqueIds } from '../slugs.js';
import { importNote } from '../import-note.js';
import { arr, blankInject, type Json, num, obj, str, type ToolImport, type ToolImportReport } from './tool-json.js';

/** Whether a JSON object looks like an IcebergTTX scenario (`schema_version` 1.x, participant_teams, injects). */
export const isIcebergTtx = (json: Json) =>
  Array.isArray(json.injects) && Array.isArray(json.participant_teams) && 'schema_version' in json;

const MIN = 60_000;

/**
 * An IcebergTTX scenario (schema_version 1.0) as a pack:
 * - participant_teams → teams; target_teams → recipients (none: all teams);
 * - the start inject (start_inject_id) and injects with release_at_minutes are timed;
 * - two or more options become a decision on their inject (the target team decides; several target
 *   teams decide together; the facilitator can settle it), and the inject an option leads to is
 *   released on that outcome (decision-outcome trigger). A single option is a response option whose
 *   choice releases the next inject to the team that chose it. An inject two options lead to is
 *   imported once per branch, since a pack inject has one trigger;
 * - expected_actions → expected actions; inbound triggers_communications become injects released
 *   delay_after_release_seconds after their inject; outbound ones are expected actions (the team sends them);
 * - injects no branch reaches and with no time keep the sequence order, ten minutes apart, with a note.
 */
export function icebergTtxToPack(json: Json, opts: { packId?: string | undefined } = {}): ToolImport {
  const version = str(json.schema_version);
  if (!/^1(\.\d+)*$/.test(version))
    throw badInput('icebergttx.version', `IcebergTTX schema_version "${version}" is not read (expected 1.x)`);
  const name = str(json.title) || 'IcebergTTX scenario';
  const report: ToolImportReport = { format: 'icebergttx', name, notes: [], warnings: [], skipped: [] };

  const teamIds = new UniqueIds();
  const teamByRef = new Map<string, string>();
  const teams: Team[] = [];
  const addTeam = (ref: string, label: string) => {
    const id = teamIds.take(slugify(ref || label, `team-${teams.length + 1}`));
    teams.push({ id, name: (label || ref).slice(0, 200) });
    teamByRef.set(ref, id);
    return id;
  };
  for (const t of arr(json.participant_teams)) {
    const o = typeof t === 'string' ? { id: t, label: t } : obj(t);
    const ref = str(o.id) || str(o.label) || str(o.name);
    if (ref && !teamByRef.has(ref)) addTeam(ref, str(o.label) || str(o.name) || ref);
  }

  const raw = arr(json.injects).map(obj);
  const byRef = new Map(raw.map((i) => [str(i.id), i]));
  const order = (i: Json) => num(i.sequence_order) ?? raw.indexOf(i) + 1;
  raw.sort((a, b) => order(a) - order(b));
  const startRef = str(json.start_inject_id) || str(raw[0]?.id);

  // every option edge, in order: the same target reached twice becomes a copy per branch
  const edges: { from: string; option: string; to: string }[] = [];
  for (const i of raw) {
    for (const o of arr(i.options).map(obj)) {
      const to = str(o.next_inject_id);
      if (!to) continue;
      if (!byRef.has(to)) {
        report.warnings.push(
          importNote(
            'icebergttx.option-target-missing',
            { title: str(i.title), option: str(o.label), target: to },
            `"${str(i.title)}": option "${str(o.label)}" leads to "${to}", which the file does not contain`,
          ),
        );
        continue;
      }
      if (to === str(i.id) || order(byRef.get(to) ?? {}) <= order(i)) {
        report.warnings.push(
          importNote(
            'icebergttx.option-loops-back',
            { title: str(i.title), option: str(o.label), target: to },
            `"${str(i.title)}": option "${str(o.label)}" loops back to "${to}": not imported (a pack releases an inject once per team)`,
          ),
        );
        continue;
      }
      edges.push({ from: str(i.id), option: str(o.id) || slugify(str(o.label), 'option'), to });
    }
  }

  const injectIds = new UniqueIds();
  const idsOf = new Map<string, string[]>();
  const injects: Inject[] = [];
  const optionIdsOf = new Map<string, Map<string, string>>();
  const build = (i: Json, copy: number): Inject => {
    const ref = str(i.id);
    const title = str(i.title) || ref || 'Untitled inject';
    const id = injectIds.take(
      slugify(copy > 0 ? `${ref || title}-branch-${copy + 1}` : ref || title, `inject-${injects.length + 1}`),
    );
    const targets = arr(i.target_teams)
      .map((t) => str(t))
      .filter(Boolean);
    const to: Inject['to'] = targets.length
      ? [
          ...new Set(
            targets.map(
              (t) =>
                teamByRef.get(t) ??
                (report.warnings.push(
                  importNote(
                    'icebergttx.team-added',
                    { title, team: t },
                    `"${title}" targets team "${t}", which participant_teams does not list: added`,
                  ),
                ),
                addTeam(t, t)),
            ),
          ),
        ]
      : 'all';
    const optIds = new UniqueIds();
    const optionMap = new Map<string, string>();
    const responseOptions = arr(i.options)
      .map(obj)
      .filter((o) => str(o.label))
      .map((o) => {
        const oid = optIds.take(slugify(str(o.id) || str(o.label), `option-${optionMap.size + 1}`));
        optionMap.set(str(o.id) || slugify(str(o.label), 'option'), oid);
        return { id: oid, label: str(o.label).slice(0, 300) };
      });
    optionIdsOf.set(id, optionMap);
    const actionIds = new UniqueIds();
    const expectedActions = arr(i.expected_actions)
      .map((a) => (typeof a === 'string' ? a : str(obj(a).text) || str(obj(a).description) || str(obj(a).label)))
      .filter(Boolean)
      .map((text, n) => ({
        id: actionIds.take(`ea-${n + 1}`),
        text: text.slice(0, 1000),
        points: 10,
        options: [] as string[],
      }));
    for (const c of arr(i.triggers_communications).map(obj)) {
      if (str(c.direction).toLowerCase() === 'outbound')
        expectedActions.push({
          id: actionIds.take(`ea-${expectedActions.length + 1}`),
          text: `Send to ${str(c.external_entity) || 'the outside party'}: ${str(c.subject) || str(c.body)}`.slice(
            0,
            1000,
          ),
          points: 10,
          options: [],
        });
    }
    const content = str(i.content) || str(i.description) || title;
    const inj: Inject = {
      ...blankInject(),
      id,
      to,
      channel: channelOf(str(i.channel) || str(i.type)) ?? 'sitrep',
      from: { name: str(i.from) || 'Exercise control' },
      subject: title.slice(0, 300),
      body: content.slice(0, 50_000),
      responseOptions,
      expectedActions,
      meta: { icebergttxId: ref.slice(0, 200) },
    };
    if (responseOptions.length >= 2) {
      const members = to === 'all' ? teams.map((t) => t.id) : to;
      inj.decision = {
        id: injectIds.take(`${id}-decision`),
        question: `${title}: what do you decide?`.slice(0, 1000),
        options: responseOptions,
        mode: members.length > 1 ? 'consensus' : 'team',
        allowAbstain: true,
        allowBlock: false,
        deadline: '00:15',
      };
      inj.responseOptions = [];
    }
    return inj;
  };

  const timedAt = (i: Json): number | undefined => {
    const at = num(i.release_at_minutes);
    if (at !== undefined && at >= 0) return at * MIN;
    if (str(i.id) === startRef) return 0;
    return undefined;
  };
  let last = 0;
  const emit = (i: Json, copy: number, trigger: Inject['trigger'] | undefined, offsetMs: number | undefined) => {
    const inj = build(i, copy);
    if (trigger) inj.trigger = trigger;
    else if (offsetMs !== undefined) {
      inj.offset = offsetOf(offsetMs);
      last = Math.max(last, offsetMs);
    }
    injects.push(inj);
    idsOf.set(str(i.id), [...(idsOf.get(str(i.id)) ?? []), inj.id]);
    for (const c of arr(i.triggers_communications).map(obj)) {
      if (str(c.direction).toLowerCase() === 'outbound') continue;
      const delaySec = Math.max(0, Math.round(num(c.delay_after_release_seconds) ?? 0));
      injects.push({
        ...blankInject(),
        id: injectIds.take(slugify(`${inj.id}-${str(c.subject) || 'message'}`, `${inj.id}-message`)),
        to: inj.to,
        channel: channelOf(str(c.channel) || str(c.type) || 'email') ?? 'email',
        from: { name: (str(c.external_entity) || 'Outside party').slice(0, 200) },
        subject: (str(c.subject) || `Message from ${str(c.external_entity) || 'outside'}`).slice(0, 300),
        body: (str(c.body) || str(c.subject) || '(no text)').slice(0, 50_000),
        trigger: { type: 'after-inject', inject: inj.id, delay: offsetOf(delaySec * 1000).slice(2) },
      });
    }
  };

  // timed injects first, then the branches hanging from them, breadth first, in sequence order
  const targets = new Set(edges.map((e) => e.to));
  for (const i of raw) {
    const t = timedAt(i);
    if (t !== undefined || !targets.has(str(i.id))) {
      const at = t ?? (order(i) - 1) * 10 * MIN;
      if (t === undefined)
        report.notes.push(
          importNote(
            'icebergttx.no-release-time',
            { title: str(i.title), offset: offsetOf(at) },
            `"${str(i.title)}" has no release time and no option leads to it: placed at ${offsetOf(at)} from its sequence order`,
          ),
        );
      emit(i, 0, undefined, at);
    }
  }
  const copies = new Map<string, number>();
  for (const i of raw) {
    for (const e of edges.filter((x) => x.to === str(i.id))) {
      const target = byRef.get(e.to);
      const parents = idsOf.get(e.from) ?? [];
      if (!target || parents.length === 0) continue;
      for (const parent of parents) {
        const option = optionIdsOf.get(parent)?.get(e.option);
        const decision = injects.find((x) => x.id === parent)?.decision;
        if (!option) continue;
        const n = copies.get(e.to) ?? 0;
        copies.set(e.to, n + 1);
        emit(
          target,
          n,
          decision
            ? { type: 'decision-outcome', decision: decision.id, outcome: option, delay: '00:00' }
            : { type: 'response-option', inject: parent, option, delay: '00:00' },
          undefined,
        );
      }
    }
  }
  for (const [ref, n] of copies)
    if (n > 1)
      report.notes.push(
        importNote(
          'icebergttx.branch-copies',
          { title: str(byRef.get(ref)?.title), count: n },
          `"${str(byRef.get(ref)?.title)}" is reached by ${n} options: imported once per branch, so each branch releases its own copy`,
        ),
      );
  if (teams.length === 0) {
    teams.push({ id: 'players', name: 'Players' });
    report.warnings.push(
      importNote(
        'icebergttx.no-team',
        {},
        'The scenario names no participant team: one team "Players" receives every inject',
      ),
    );
  }
  const decisions = injects.filter((i) => i.decision).length;
  if (decisions)
    report.notes.push(
      importNote(
        'icebergttx.decisions-made',
        { count: decisions },
        `${decisions} inject(s) with options became decisions (15 minutes to decide; the facilitator can settle one): each outcome releases the inject its option leads to`,
      ),
    );
  if (edges.length)
    report.notes.push(
      importNote(
        'icebergttx.options-linked',
        { count: edges.length },
        `${edges.length} option(s) lead to another inject`,
      ),
    );

  const debrief = str(json.debrief_notes);
  const first = injects.find((i) => i.offset === 'T+00:00');
  if (debrief && first) first.facilitatorNotes = `Debrief notes: ${debrief}`.slice(0, 20_000);
  const minutes = num(obj(json.metadata).estimated_duration_minutes);
  const durationMs = Math.max(last + 30 * MIN, (minutes ?? 0) * MIN);
  const pack: ScenarioPack = {
    id: opts.packId ?? slugify(name, 'icebergttx-import'),
    title: name.slice(0, 200),
    summary: (str(json.description) || `Imported from the IcebergTTX scenario "${name}".`).slice(0, 5000),
    version: '1.0.0',
    duration: durationCovering(durationMs),
    tags: [
      ...arr(json.tags)
        .map((t) => str(t))
        .filter(Boolean)
        .slice(0, 20),
      'icebergttx-import',
    ],
    classification: 'TLP:CLEAR',
    threatActors: [],
    teams,
    objectives: [],
    phases: [],
    injects,
  };
  return { pack, report };
}
