import type { Inject, Objective, Phase, ScenarioPack, Team } from '../../scenarios/pack/pack-schema.js';
import { durationCovering, offsetOf, SLUG, slugify, UniqueIds } from '../slugs.js';
import { fmtDuration, type ResolvedTimes, resolveTimes } from './msel-time.js';
import type { CellReader, EventDraft, RowPreview, SectionDraft } from './msel-rows.js';
import { type ImportNote, importNote } from '../import-note.js';

/**
 * From the events and sections read off an MSEL sheet to a scenario pack: times anchored on the
 * exercise start, recipient teams, rows merged into injects, phases, contingencies, the checklist.
 */

export type TimedEvent = EventDraft & { offsetMs?: number };
export type MergedEvent = TimedEvent & { rows: RowPreview[] };
export interface ChecklistItem {
  row: number;
  offset: string;
  text: string;
  offsetMs: number;
}

/**
 * Time anchoring: one pass over every event and section, so a start found from the data applies to
 * both. Rows with an unusable time are skipped; rows timed before STARTEX become checklist items.
 */
export function anchorTimes(
  events: EventDraft[],
  sections: SectionDraft[],
  start: number | undefined,
  timeColumn: Pick<CellReader, 'where' | 'place'>,
): { resolved: ResolvedTimes; kept: TimedEvent[]; checklist: ChecklistItem[] } {
  const resolved = resolveTimes([...events.map((e) => e.time), ...sections.map((s) => s.time)], start);
  const kept: TimedEvent[] = [];
  const checklist: ChecklistItem[] = [];
  events.forEach((e, k) => {
    const problem = resolved.problems[k];
    if (problem) {
      e.row.errors.push(
        importNote(
          problem.code,
          { ...timeColumn.place('time'), ...problem.params },
          `${timeColumn.where('time')}: ${problem.message}`,
        ),
      );
      e.row.kind = 'skipped';
      return;
    }
    const off = resolved.offsets[k];
    if (off !== undefined && resolved.beforeStart[k]) {
      e.row.kind = 'checklist';
      const when = `STARTEX − ${fmtDuration(-off)}`;
      e.row.warnings.push(
        importNote(
          'msel.before-startex',
          { durationMs: -off },
          `timed ${fmtDuration(-off)} before STARTEX: a preparation step, listed in the pre-exercise checklist (not sent to players)`,
        ),
      );
      checklist.push({
        row: e.row.row,
        offset: when,
        offsetMs: off,
        text: [e.subject, e.message !== e.subject ? e.message : ''].filter(Boolean).join(' — ').slice(0, 500),
      });
      return;
    }
    kept.push(off === undefined ? e : { ...e, offsetMs: off });
  });
  checklist.sort((a, b) => a.offsetMs - b.offsetMs);
  return { resolved, kept, checklist };
}

/** Teams, in order of first mention (recipients rewritten to team ids); one team "Players" when the sheet names none. */
export function assignTeams(kept: TimedEvent[], notes: ImportNote[]): Team[] {
  const teamIds = new UniqueIds();
  const teamsByName = new Map<string, Team>();
  const teamFor = (name: string): string => {
    const key = name.toLowerCase();
    const existing = teamsByName.get(key);
    if (existing) return existing.id;
    const id = teamIds.take(SLUG.test(name) ? name : slugify(name, `team-${teamsByName.size + 1}`));
    const team: Team = { id, name: name.slice(0, 200) };
    teamsByName.set(key, team);
    return id;
  };
  for (const e of kept) if (e.to !== 'all') e.to = [...new Set(e.to.map(teamFor))];
  if (teamsByName.size === 0) {
    teamsByName.set('players', { id: 'players', name: 'Players' });
    notes.push(
      importNote('msel.no-team', {}, 'The sheet names no recipient team: one team "Players" receives every inject'),
    );
  }
  return [...teamsByName.values()];
}

/** Grouping rows into injects: the same event sent to several teams on several rows is one inject for all of them. */
export function mergeRows(kept: TimedEvent[]): MergedEvent[] {
  const merged: MergedEvent[] = [];
  const sig = (e: TimedEvent) =>
    JSON.stringify([e.offsetMs, e.subject, e.message, e.from, e.channel, e.id ?? null, e.trigger ?? null]);
  const bySig = new Map<string, MergedEvent>();
  for (const e of kept) {
    const s = sig(e);
    const prev = bySig.get(s);
    if (prev && prev.to !== 'all' && e.to !== 'all') {
      prev.to = [...new Set([...prev.to, ...e.to])];
      prev.rows.push(e.row);
      e.row.kind = 'merged';
      continue;
    }
    const entry: MergedEvent = { ...e, rows: [e.row] };
    bySig.set(s, entry);
    merged.push(entry);
  }
  return merged;
}

/** One phase per section label, starting at the section's own time or at its first timed event (label → phase). */
export function buildPhases(
  sections: SectionDraft[],
  merged: MergedEvent[],
  resolved: ResolvedTimes,
  eventCount: number,
): Map<string, Phase> {
  const phaseIds = new UniqueIds();
  const phaseByLabel = new Map<string, Phase>();
  sections.forEach((s, k) => {
    const firstEvent = merged.find((e) => e.phase === s.label && e.offsetMs !== undefined);
    const start = resolved.offsets[eventCount + k] ?? firstEvent?.offsetMs;
    if (start === undefined) {
      s.preview.warnings.push(
        importNote(
          'msel.section-without-event',
          {},
          'no event with a time follows this section label: no phase is made for it',
        ),
      );
      return;
    }
    if (phaseByLabel.has(s.label)) return;
    const phase: Phase = {
      id: phaseIds.take(s.id ?? slugify(s.label, `phase-${phaseByLabel.size + 1}`)),
      title: s.label.slice(0, 200),
      start: offsetOf(start),
    };
    phaseByLabel.set(s.label, phase);
  });
  return phaseByLabel;
}

/** The pack's injects (and objectives, in order of first mention); each row learns the id of the inject it went into. */
export function buildInjects(
  merged: MergedEvent[],
  phaseByLabel: Map<string, Phase>,
): {
  injects: Inject[];
  objectives: Objective[];
  rowOfInject: Map<string, number[]>;
  idOfRow: Map<RowPreview, string>;
} {
  const objectiveIds = new UniqueIds();
  const objectives: Objective[] = [];
  const objectiveByText = new Map<string, string>();
  const objectiveFor = (o: { id?: string; text: string }, capability: string | undefined): string => {
    const key = (o.id ?? o.text).toLowerCase();
    const known = objectiveByText.get(key);
    if (known) return known;
    const id = objectiveIds.take(o.id ?? slugify(o.text, `obj-${objectives.length + 1}`));
    objectives.push({ id, text: o.text.slice(0, 1000), coreCapability: (capability || 'Unspecified').slice(0, 200) });
    objectiveByText.set(key, id);
    return id;
  };
  const injectIds = new UniqueIds();
  const rowOfInject = new Map<string, number[]>();
  const idOfRow = new Map<RowPreview, string>();
  const injects: Inject[] = merged.map((e, k) => {
    const baseId =
      e.id && SLUG.test(e.id)
        ? e.id
        : e.id
          ? slugify(e.id, `inject-${k + 1}`)
          : e.number
            ? slugify(`msel-${e.number}`, `inject-${k + 1}`)
            : `row-${e.row.row}`;
    const id = injectIds.take(baseId);
    const optionIds = new UniqueIds();
    const responseOptions = e.options.map((o, n) => ({
      id: optionIds.take(o.id ?? slugify(o.label, `option-${n + 1}`)),
      label: o.label.slice(0, 300),
    }));
    const actionIds = new UniqueIds();
    const inj: Inject = {
      id,
      ...(e.offsetMs !== undefined ? { offset: offsetOf(e.offsetMs) } : {}),
      to: e.to,
      channel: e.channel,
      from: senderOf(e.from || 'Exercise control'),
      subject: e.subject.slice(0, 300),
      body: e.message.slice(0, 50_000),
      ...(e.tlp ? { tlp: e.tlp } : {}),
      artifacts: [],
      tags: { groups: [], attack: [], disarm: [], assumed: [] },
      ...(e.phase && phaseByLabel.has(e.phase) ? { phase: phaseByLabel.get(e.phase)?.id } : {}),
      objectives: e.objectives.map((o, n) => objectiveFor(o, e.capabilities[n] ?? e.capabilities[0])),
      responseOptions,
      expectedActions: e.expected.map((a, n) => ({
        id: actionIds.take(a.id ?? `ea-${n + 1}`),
        text: a.text,
        points: a.points,
        options: a.options,
      })),
      ...(e.respondWithin ? { respondWithin: e.respondWithin } : {}),
      ...(e.decision ? { decision: e.decision } : {}),
      ...(e.trigger ? { trigger: e.trigger } : {}),
      ...(e.notes || e.extraNotes.length
        ? { facilitatorNotes: [e.notes ?? '', ...e.extraNotes].filter(Boolean).join('\n').slice(0, 20_000) }
        : {}),
      meta: e.controller ? { controller: e.controller.slice(0, 200) } : {},
    };
    for (const r of e.rows) {
      r.injectId = id;
      if (inj.offset) r.offset = inj.offset;
      r.to = inj.to;
      r.channel = inj.channel;
      r.subject = inj.subject;
    }
    if (e.rows.length > 1)
      e.rows[0]?.warnings.push(
        importNote(
          'msel.rows-merged',
          { rows: e.rows.map((r) => r.row).join(', '), count: e.rows.length },
          `rows ${e.rows.map((r) => r.row).join(', ')} are the same event for ${e.rows.length} recipients: merged into one inject`,
        ),
      );
    rowOfInject.set(
      id,
      e.rows.map((r) => r.row),
    );
    for (const r of e.rows) idOfRow.set(r, id);
    return inj;
  });
  return { injects, objectives, rowOfInject, idOfRow };
}

/** Contingency Inject rows: released at their time to the teams that had not done the expected action of the inject above. */
export function linkContingencies(merged: MergedEvent[], injects: Inject[], idOfRow: Map<RowPreview, string>): void {
  merged.forEach((e, k) => {
    const inj = injects[k];
    const parent = e.contingencyOf;
    if (!inj || !parent) return;
    const parentId = idOfRow.get(parent.row);
    const parentInject = injects.find((x) => x.id === parentId);
    const action = parentInject?.expectedActions[0];
    if (parentInject?.offset && inj.offset && offsetMs(inj.offset) <= offsetMs(parentInject.offset)) {
      e.row.warnings.push(
        importNote(
          'msel.contingency-before-inject',
          { parentOffset: parentInject.offset, offset: inj.offset },
          `a contingency must come after its inject (${parentInject.offset}); at ${inj.offset} it is imported as an ordinary inject`,
        ),
      );
      return;
    }
    if (!parentInject || !action || !inj.offset) {
      e.row.warnings.push(
        !parentInject
          ? importNote(
              'msel.contingency-parent-missing',
              {},
              'contingency for an inject that was not imported: sent to everyone at its time',
            )
          : !action
            ? importNote(
                'msel.contingency-parent-no-action',
                { subject: parentInject.subject },
                `contingency for "${parentInject.subject}", which has no expected action: sent to everyone at its time`,
              )
            : importNote('msel.contingency-no-time', {}, 'a contingency needs a time: imported as an ordinary inject'),
      );
      return;
    }
    inj.trigger = { type: 'contingency', inject: parentInject.id, expectedAction: action.id, at: inj.offset };
    delete inj.offset;
    e.row.warnings.push(
      importNote(
        'msel.contingency-linked',
        { at: inj.trigger.at, action: action.text.slice(0, 60), inject: parentInject.id },
        `Contingency Inject: released at ${inj.trigger.at} only to teams that have not logged "${action.text.slice(0, 60)}" (inject ${parentInject.id})`,
      ),
    );
  });
}

/** Preparation steps before STARTEX go to the facilitator, on the first inject they will open. */
export function attachChecklist(injects: Inject[], checklist: ChecklistItem[], notes: ImportNote[]): void {
  const firstTimed = [...injects]
    .filter((x) => x.offset)
    .sort((a, b) => offsetMs(a.offset ?? '') - offsetMs(b.offset ?? ''))[0];
  if (!checklist.length || !firstTimed) return;
  const list = `Pre-exercise checklist (rows before STARTEX in the MSEL):\n${checklist.map((c) => `- [ ] ${c.offset}: ${c.text}`).join('\n')}`;
  firstTimed.facilitatorNotes = [list, firstTimed.facilitatorNotes ?? ''].filter(Boolean).join('\n\n').slice(0, 20_000);
  notes.push(
    importNote(
      'msel.checklist-placed',
      { count: checklist.length, subject: firstTimed.subject },
      `The pre-exercise checklist (${checklist.length} item(s)) is in the facilitator notes of "${firstTimed.subject}", the first inject`,
    ),
  );
}

/** Pack assembly: id, title and summary from the source, a duration covering the last inject and phase. */
export function assemblePack(
  parts: { injects: Inject[]; teams: Team[]; objectives: Objective[]; phases: Phase[] },
  source: { packId?: string | undefined; title?: string | undefined; sourceName?: string | undefined; sheet: string },
): ScenarioPack {
  const { injects, teams, objectives, phases } = parts;
  const last = Math.max(
    0,
    ...injects.map((i) => (i.offset ? offsetMs(i.offset) : 0)),
    ...phases.map((p) => offsetMs(p.start)),
  );
  const name = source.sourceName?.replace(/\.[^.]+$/, '') ?? 'msel';
  return {
    id: source.packId ?? slugify(name, 'msel-import'),
    title: (source.title ?? `MSEL import: ${name}`).slice(0, 200),
    summary: `Imported from the MSEL ${source.sourceName ?? 'spreadsheet'} (sheet "${source.sheet}"): ${injects.length} injects for ${teams.length} teams.`,
    version: '1.0.0',
    duration: durationCovering(last),
    tags: ['msel-import'],
    classification: 'TLP:CLEAR',
    threatActors: [],
    teams,
    objectives,
    phases: [...phases].sort((a, b) => offsetMs(a.start) - offsetMs(b.start)),
    injects,
  };
}

function offsetMs(offset: string): number {
  const m = /^T\+(\d+):(\d{2})(?::(\d{2}))?$/.exec(offset);
  return m ? ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000 : 0;
}

export function senderOf(from: string): Inject['from'] {
  const angle = /^(.*?)\s*<([^>]+)>\s*$/.exec(from);
  if (angle?.[2]) return { name: (angle[1] || angle[2]).slice(0, 200), address: angle[2].slice(0, 200) };
  if (/^[^\s@]+@[^\s@]+$/.test(from)) return { name: from.slice(0, 200), address: from.slice(0, 200) };
  return { name: from.slice(0, 200) };
}
