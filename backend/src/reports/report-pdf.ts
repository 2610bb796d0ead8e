import { PdfWriter } from './pdf-writer.js';
import { CAPABILITY_ELEMENTS, type AfterActionReport, type ImprovementItem, RATING_LABELS, type TimelineEntry } from './report-model.js';
import { clock, duration, reportTitle, SECTION_TITLES, STATUS_LABEL, teamNames, wall } from './report-format.js';
import { describeTimelineEntry, type TimelineNames, timelineNames } from './report-timeline-text.js';

/** Above this many team × inject rows the PDF shows one line per inject across the teams; the other exports keep every row. */
export const PDF_PER_INJECT_FULL_LIMIT = 1500;

/** Above this many timeline entries the PDF condenses acknowledgements and responses per inject; JSON and Markdown keep every entry. */
export const PDF_TIMELINE_FULL_LIMIT = 1500;

/** The report as a PDF, drawn on the server with pdfkit (no browser, no network). */
export async function reportPdf(r: AfterActionReport): Promise<Buffer> {
  const names = teamNames(r);
  const tn = (id: string) => names.get(id) ?? id;
  const lookups = timelineNames(r);
  const o = r.overview;
  const w = new PdfWriter(reportTitle(r), `${o.name} — ${o.scope.classification}${r.state === 'draft' ? ' — LIVE DRAFT' : ''}`);
  w.title(reportTitle(r), `${r.state === 'final' ? 'Final report' : 'Live draft'} generated ${wall(r.generatedAt)} — ${o.scope.classification}`);

  w.h1(SECTION_TITLES.overview);
  w.bullets([
    `Scenario: ${o.pack.title} (pack ${o.pack.id} ${o.pack.version})`,
    `Dates: started ${wall(o.startedAt)}, ended ${wall(o.endedAt)}; exercise clock reached ${clock(o.scenarioElapsedMs)} of a planned ${o.scope.plannedDuration}`,
    ...(o.scope.audience ? [`Scope / audience: ${o.scope.audience}`] : []),
    `Threat actors: ${o.threatActors.join(', ') || '—'}`,
    `Core capabilities: ${o.coreCapabilities.join('; ') || '—'}`,
  ]);
  w.para(o.summary);
  w.h2('Participating teams');
  w.table([{ header: 'Team', width: 2 }, { header: 'Description', width: 4 }, { header: 'Participants', width: 2 }], o.teams.map((t) => [t.name, t.description ?? '', t.participantNames.length ? t.participantNames.join(', ') : String(t.participants)]), { wrap: o.teams.length <= 60 });
  w.h2('Objectives');
  w.table([{ header: 'Objective', width: 5 }, { header: 'Core capability', width: 2 }], o.objectives.map((x) => [x.text, x.coreCapability]), { wrap: true });

  w.h1(SECTION_TITLES.objectives);
  w.para(`Ratings: ${Object.entries(RATING_LABELS).map(([k, v]) => `${k} = ${v}`).join('; ')}.`, { italic: true });
  for (const ob of r.objectives) {
    w.h2(`${ob.text} (${ob.coreCapability})`);
    w.table([{ header: 'Team', width: 2 }, { header: 'Rating', width: 1 }, { header: 'Observations', width: 5 }, { header: 'Evaluator', width: 1.5 }], ob.teams.map((t) => [tn(t.teamId), t.rating ?? 'not rated', t.observations, t.evaluator ?? '']), { wrap: ob.teams.length <= 60 });
  }

  if (r.edition.kind === 'full') {
    w.h1(SECTION_TITLES.findings);
    if (r.findings.drafted) w.para('Drafted from evaluator notes and response times; edit before release.', { italic: true });
    w.h2('Strengths');
    w.bullets(r.findings.strengths.length ? r.findings.strengths.map((f) => f.text) : ['—']);
    w.h2('Areas for improvement');
    w.bullets(r.findings.improvements.length ? r.findings.improvements.map((f) => f.text) : ['—']);
  }

  w.h1(SECTION_TITLES.metrics);
  w.para('Times are on the exercise clock, from delivery to the team.', { italic: true });
  w.table(
    [{ header: 'Team', width: 3 }, { header: 'Injects', width: 1 }, { header: 'Acked', width: 1 }, { header: 'Responded', width: 1.3 }, { header: 'Median ack', width: 1.6 }, { header: 'Median 1st response', width: 1.8 }, { header: 'On time', width: 1 }, { header: 'Late', width: 1 }, { header: 'Missed', width: 1 }],
    r.metrics.map((m) => [tn(m.teamId), String(m.injectsDelivered), String(m.acknowledged), String(m.responded), duration(m.medianAckMs), duration(m.medianFirstResponseMs), String(m.onTime), String(m.late), String(m.missed)]),
  );
  const perInjectRows = r.metrics.reduce((a, m) => a + m.perInject.length, 0);
  if (perInjectRows > PDF_PER_INJECT_FULL_LIMIT) injectSummaryTable(w, r, lookups, perInjectRows);
  else
    for (const m of r.metrics) {
      w.h2(tn(m.teamId));
      w.table(
        [{ header: 'Inject', width: 5 }, { header: 'Delivered', width: 1.5 }, { header: 'Ack after', width: 1.5 }, { header: '1st response', width: 1.5 }, { header: 'Target', width: 1.3 }, { header: 'Status', width: 1.2 }, { header: 'Resp.', width: 0.8 }],
        m.perInject.map((x) => [lookups.inject(x.injectId), clock(x.deliveredScenarioMs), duration(x.ackMs), duration(x.firstResponseMs), duration(x.respondWithinMs), STATUS_LABEL[x.status], String(x.responses)]),
      );
    }

  w.h1(SECTION_TITLES.scores);
  if (r.scores.source === 'hidden') w.para('Scores are not shared with teams for this exercise.', { italic: true });
  else {
    w.para(`Source: ${r.scores.source}.`, { italic: true });
    w.table([{ header: 'Team', width: 4 }, { header: 'Points', width: 1 }, { header: 'Of', width: 1 }], r.scores.teams.map((s) => [tn(s.teamId), String(s.total), String(s.max)]));
    if (r.scores.byObjective.length) {
      w.h2('Score by objective');
      w.table(
        [{ header: 'Team', width: 2.5 }, ...r.scores.byObjective.map((b) => ({ header: o.objectives.find((x) => x.id === b.objectiveId)?.coreCapability ?? b.objectiveId, width: 2 }))],
        r.scores.teams.map((s) => [tn(s.teamId), ...r.scores.byObjective.map((b) => {
          const t = b.teams.find((x) => x.teamId === s.teamId);
          return t ? `${t.points} / ${t.max}` : '—';
        })]),
      );
    }
  }

  w.h1(SECTION_TITLES.coverage);
  if (r.coverage.length === 0) w.para('No tagged techniques were played.', { italic: true });
  else
    w.table(
      [{ header: 'Framework', width: 1.2 }, { header: 'Technique', width: 1.6 }, { header: 'Injects', width: 3 }, { header: 'Teams answered', width: 1.5 }, { header: 'On time', width: 1.2 }, { header: 'Points', width: 1.3 }],
      r.coverage.map((c) => {
        const sum = (f: (t: (typeof c.teams)[number]) => number) => c.teams.reduce((a, t) => a + f(t), 0);
        return [c.framework === 'attack' ? 'ATT&CK' : 'DISARM', `${c.techniqueId}${c.assumed ? ' (assumed)' : ''}`, c.injectIds.join(', '), `${sum((t) => t.responded)} / ${sum((t) => t.delivered)}`, String(sum((t) => t.onTime)), sum((t) => t.max) ? `${sum((t) => t.points)} / ${sum((t) => t.max)}` : '—'];
      }),
    );

  w.h1(SECTION_TITLES.decisions);
  if (r.decisions.length === 0) w.para('No decisions.', { italic: true });
  for (const d of r.decisions) {
    w.h2(d.question);
    w.bullets([`Mode: ${d.mode}; members: ${d.memberTeamIds.map(tn).join(', ') || '—'}`, `Status: ${d.status}${d.outcome ? `; outcome: ${d.outcomeLabel ?? d.outcome}${d.forced ? ' (forced by exercise control)' : ''}` : ''}`, `Opened ${clock(d.openedScenarioMs)}, deadline ${clock(d.deadlineScenarioMs)}, closed ${clock(d.closedScenarioMs)}`]);
    if (d.votes.length) w.table([{ header: 'Team', width: 3 }, { header: 'Vote', width: 4 }, { header: 'At', width: 1.5 }], d.votes.map((v) => [tn(v.teamId), v.choiceLabel, clock(v.scenarioMs)]));
  }

  w.h1(SECTION_TITLES.rfis);
  if (r.rfis.length === 0) w.para('None.', { italic: true });
  for (const t of r.rfis) {
    w.h2(`${tn(t.teamId)} -> ${t.to}: ${t.subject}`);
    w.bullets(t.messages.map((m) => `${clock(m.scenarioMs)} ${m.authorName}: ${m.text}`));
  }

  if (r.hotwash) {
    const h = r.hotwash;
    w.h1(SECTION_TITLES.hotwash);
    w.para(`${h.submissions} survey response(s).`);
    w.table([{ header: 'Question', width: 6 }, { header: 'Mean', width: 1 }, ...[1, 2, 3, 4, 5].map((v) => ({ header: String(v), width: 0.6 }))], h.ratings.map((x) => [h.questions.find((q) => q.id === x.questionId)?.text ?? x.questionId, x.mean === null ? '—' : String(x.mean), ...x.distribution.map(String)]), { wrap: true });
    for (const q of h.questions.filter((x) => x.kind === 'text')) {
      const cs = h.comments.filter((c) => c.questionId === q.id);
      if (cs.length) {
        w.h2(q.text);
        w.bullets(cs.map((c) => `${tn(c.teamId)}: ${c.text}`));
      }
    }
  }

  if (r.edition.kind === 'full') {
    w.h1(SECTION_TITLES.plan);
    improvementPlanTable(w, r.improvementPlan);
  }

  w.h1(SECTION_TITLES.timeline);
  const entries = r.timeline.length > PDF_TIMELINE_FULL_LIMIT ? condense(r.timeline, lookups) : r.timeline.map((e) => ({ e, text: describeTimelineEntry(e, lookups) }));
  if (r.timeline.length > PDF_TIMELINE_FULL_LIMIT) w.para(`${r.timeline.length} entries: acknowledgements and responses are counted per inject here; the JSON and Markdown exports list every entry.`, { italic: true });
  w.table([{ header: 'Exercise time', width: 1.3 }, { header: 'Wall time (UTC)', width: 1.6 }, { header: 'Event', width: 7 }], entries.map(({ e, text }) => [clock(e.scenarioMs), wall(e.at).slice(11, 19), text]), { fontSize: 7.5 });
  return w.finish();
}

/** Per inject, across the teams it reached: how many answered on time, late or not at all, and the median time to a first response. */
function injectSummaryTable(w: PdfWriter, r: AfterActionReport, names: TimelineNames, rows: number): void {
  w.h2('By inject, across teams');
  w.para(`${rows} team × inject rows: counted per inject here; the Markdown, JSON and responses CSV exports list each team's row.`, { italic: true });
  const by = new Map<string, { delivered: number; onTime: number; late: number; missed: number; first: number[] }>();
  for (const m of r.metrics)
    for (const x of m.perInject) {
      let s = by.get(x.injectId);
      if (!s) by.set(x.injectId, (s = { delivered: 0, onTime: 0, late: 0, missed: 0, first: [] }));
      s.delivered++;
      if (x.status === 'on-time') s.onTime++;
      else if (x.status === 'late') s.late++;
      else if (x.status === 'missed') s.missed++;
      if (x.firstResponseMs !== null) s.first.push(x.firstResponseMs);
    }
  const median = (xs: number[]) => (xs.length ? ([...xs].sort((a, b) => a - b)[xs.length >> 1] ?? null) : null);
  w.table(
    [{ header: 'Inject', width: 5 }, { header: 'Teams', width: 1 }, { header: 'On time', width: 1 }, { header: 'Late', width: 1 }, { header: 'Missed', width: 1 }, { header: 'Median 1st response', width: 2 }],
    [...by].map(([id, s]) => [names.inject(id), String(s.delivered), String(s.onTime), String(s.late), String(s.missed), duration(median(s.first))]),
  );
}

function improvementPlanTable(w: PdfWriter, items: ImprovementItem[]): void {
  w.para(`Capability elements: ${CAPABILITY_ELEMENTS.join(', ')}.`, { italic: true });
  if (items.length === 0) {
    w.para('No corrective actions recorded yet.', { italic: true });
    return;
  }
  w.table(
    [{ header: 'Issue / area for improvement', width: 3 }, { header: 'Corrective action', width: 3 }, { header: 'Element', width: 1.3 }, { header: 'Organisation', width: 1.6 }, { header: 'POC', width: 1.3 }, { header: 'Start', width: 1.2 }, { header: 'Completion', width: 1.2 }, { header: 'Status', width: 1.1 }],
    items.map((i) => [i.issue, i.correctiveAction, i.capabilityElement, i.organisation, i.poc, i.startDate ?? '', i.completionDate ?? '', i.status]),
    { wrap: true },
  );
}

/** The improvement plan alone as a PDF. */
export async function improvementPlanPdf(exerciseName: string, items: ImprovementItem[]): Promise<Buffer> {
  const w = new PdfWriter(`Improvement plan: ${exerciseName}`, exerciseName);
  w.title(`Improvement plan: ${exerciseName}`, `Generated ${wall(Date.now())}`);
  improvementPlanTable(w, items);
  return w.finish();
}

/** Keeps every entry except acknowledgements and responses, which become one line per inject and kind. */
function condense(timeline: TimelineEntry[], names: TimelineNames): { e: TimelineEntry; text: string }[] {
  const out: { e: TimelineEntry; text: string }[] = [];
  const groups = new Map<string, { line: { e: TimelineEntry; text: string }; count: number; teams: Set<string> }>();
  for (const e of timeline) {
    if ((e.kind === 'acknowledgement' || e.kind === 'response') && e.injectId) {
      const k = `${e.kind}/${e.injectId}`;
      const g = groups.get(k);
      if (g) {
        g.count++;
        for (const t of e.teamIds) g.teams.add(t);
      } else {
        const line = { e, text: '' };
        groups.set(k, { line, count: 1, teams: new Set(e.teamIds) });
        out.push(line);
      }
    } else out.push({ e, text: describeTimelineEntry(e, names) });
  }
  for (const g of groups.values()) {
    const what = g.line.e.kind === 'acknowledgement' ? 'acknowledgement(s)' : 'response(s)';
    g.line.text = `${g.count} ${what} from ${g.teams.size} team(s) to “${names.inject(g.line.e.injectId ?? '')}”, the first at this time`;
  }
  return out;
}
