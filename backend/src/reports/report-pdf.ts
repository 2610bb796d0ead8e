import { PdfWriter } from './pdf-writer.js';
import { CAPABILITY_ELEMENTS, type AfterActionReport, type ImprovementItem, RATING_LABELS, type TimelineEntry } from './report-model.js';
import { clock, DELIVERY_ACCURACY_NOTE, deliveryAccuracyRows, duration, participantsLabel, points, pointsOf, reportTitle, responseTime, SCORE_SOURCE_LABEL, SECTION_TITLES, STATUS_LABEL, teamNames, threatActorsLabel, TIMING_NOTE, wall } from './report-format.js';
import { describeTimelineEntry, type TimelineNames, timelineNames } from './report-timeline-text.js';
import { techniqueLabel } from './technique-names.js';

/** Above this many team × inject rows the PDF shows one line per inject across the teams; the other exports keep every row. */
export const PDF_PER_INJECT_FULL_LIMIT = 1500;

/** Above this many timeline entries the PDF condenses acknowledgements and responses per inject; JSON and Markdown keep every entry. */
export const PDF_TIMELINE_FULL_LIMIT = 1500;

/** Up to this many teams the score-by-objective table has a column per team (they fit across an A4 page). */
const SCORE_MATRIX_MAX_TEAMS = 6;

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
    `Threat actors: ${threatActorsLabel(o) || '—'}`,
    `Core capabilities: ${o.coreCapabilities.join('; ') || '—'}`,
  ]);
  w.para(o.summary);
  w.h2('Participating teams');
  w.table([{ header: 'Team' }, { header: 'Description' }, { header: 'Participants' }], o.teams.map((t) => [t.name, t.description ?? '', participantsLabel(t)]));
  w.h2('Objectives');
  w.table([{ header: 'Objective' }, { header: 'Core capability' }], o.objectives.map((x) => [x.text, x.coreCapability]));

  w.h1(SECTION_TITLES.objectives);
  w.para(`Ratings: ${Object.entries(RATING_LABELS).map(([k, v]) => `${k} = ${v}`).join('; ')}.`, { note: true });
  for (const ob of r.objectives) {
    w.h2(`${ob.text} (${ob.coreCapability})`);
    w.table([{ header: 'Team' }, { header: 'Rating' }, { header: 'Observations' }, { header: 'Evaluator' }], ob.teams.map((t) => [tn(t.teamId), t.rating ?? 'not rated', t.observations, t.evaluator ?? '']));
  }

  if (r.edition.kind === 'full') {
    w.h1(SECTION_TITLES.findings);
    if (r.findings.drafted) w.para('Drafted from evaluator notes and response times; edit before release.', { note: true });
    w.h2('Strengths');
    w.bullets(r.findings.strengths.length ? r.findings.strengths.map((f) => f.text) : ['—']);
    w.h2('Areas for improvement');
    w.bullets(r.findings.improvements.length ? r.findings.improvements.map((f) => f.text) : ['—']);
  }

  w.h1(SECTION_TITLES.metrics);
  w.para(TIMING_NOTE, { note: true });
  w.table(
    [{ header: 'Team' }, { header: 'Injects' }, { header: 'Acked' }, { header: 'Responded' }, { header: 'Median ack' }, { header: 'Median 1st response' }, { header: 'On time' }, { header: 'Late' }, { header: 'Missed' }],
    r.metrics.map((m) => [tn(m.teamId), String(m.injectsDelivered), String(m.acknowledged), String(m.responded), duration(m.medianAckMs), duration(m.medianFirstResponseMs), String(m.onTime), String(m.late), String(m.missed)]),
  );
  const perInjectRows = r.metrics.reduce((a, m) => a + m.perInject.length, 0);
  if (perInjectRows > PDF_PER_INJECT_FULL_LIMIT) injectSummaryTable(w, r, lookups, perInjectRows);
  else
    for (const m of r.metrics) {
      w.h2(tn(m.teamId));
      w.table(
        [{ header: 'Inject' }, { header: 'Delivered' }, { header: 'Ack after' }, { header: '1st response' }, { header: 'Target' }, { header: 'Status' }, { header: 'Resp.' }],
        m.perInject.map((x) => [lookups.inject(x.injectId), clock(x.deliveredScenarioMs), responseTime(x.ackMs, x.ackWhilePaused), responseTime(x.firstResponseMs, x.firstResponseWhilePaused), duration(x.respondWithinMs), STATUS_LABEL[x.status], String(x.responses)]),
      );
    }

  if (r.deliveryAccuracy) {
    const a = deliveryAccuracyRows(r.deliveryAccuracy);
    w.h1(SECTION_TITLES.delivery);
    w.para(DELIVERY_ACCURACY_NOTE, { note: true });
    w.table([{ header: 'Measure' }, { header: 'Median (p50)', align: 'right' }, { header: 'p99', align: 'right' }, { header: 'Worst', align: 'right' }], a.table);
    w.bullets(a.counts);
  }

  w.h1(SECTION_TITLES.scores);
  if (r.scores.source === 'hidden') w.para('Scores are not shared with teams for this exercise.', { note: true });
  else {
    w.para(SCORE_SOURCE_LABEL[r.scores.source], { note: true });
    w.table([{ header: 'Team' }, { header: 'Points', align: 'right' }, { header: 'Of', align: 'right' }], r.scores.teams.map((s) => [tn(s.teamId), points(s.total), points(s.max)]));
    if (r.scores.byObjective.length) {
      w.h2('Score by objective');
      const capability = (id: string) => o.objectives.find((x) => x.id === id)?.coreCapability ?? id;
      const cell = (b: (typeof r.scores.byObjective)[number], teamId: string) => {
        const t = b.teams.find((x) => x.teamId === teamId);
        return t ? pointsOf(t.points, t.max) : '—';
      };
      // objectives down the page, a column per team; with many teams, one row per team and objective
      if (r.scores.teams.length <= SCORE_MATRIX_MAX_TEAMS)
        w.table(
          [{ header: 'Objective (core capability)' }, ...r.scores.teams.map((s) => ({ header: tn(s.teamId), align: 'right' as const }))],
          r.scores.byObjective.map((b) => [capability(b.objectiveId), ...r.scores.teams.map((s) => cell(b, s.teamId))]),
        );
      else
        w.table(
          [{ header: 'Team' }, { header: 'Objective (core capability)' }, { header: 'Points', align: 'right' }],
          r.scores.teams.flatMap((s) => r.scores.byObjective.map((b) => [tn(s.teamId), capability(b.objectiveId), cell(b, s.teamId)])),
        );
    }
  }

  w.h1(SECTION_TITLES.coverage);
  if (r.coverage.length === 0) w.para('No tagged techniques were played.', { note: true });
  else
    w.table(
      [{ header: 'Framework' }, { header: 'Technique' }, { header: 'Injects' }, { header: 'Teams answered' }, { header: 'On time' }, { header: 'Points' }],
      r.coverage.map((c) => {
        const sum = (f: (t: (typeof c.teams)[number]) => number) => c.teams.reduce((a, t) => a + f(t), 0);
        return [c.framework === 'attack' ? 'ATT&CK' : 'DISARM', `${c.name ? `${c.techniqueId} ${c.name}` : techniqueLabel(c.framework, c.techniqueId)}${c.assumed ? ' (assumed)' : ''}`, c.injectIds.map(lookups.inject).join('; '), `${sum((t) => t.responded)} / ${sum((t) => t.delivered)}`, String(sum((t) => t.onTime)), sum((t) => t.max) ? pointsOf(sum((t) => t.points), sum((t) => t.max)) : '—'];
      }),
    );

  w.h1(SECTION_TITLES.decisions);
  if (r.decisions.length === 0) w.para('No decisions.', { note: true });
  for (const d of r.decisions) {
    w.h2(d.question);
    w.bullets([`Mode: ${d.mode}; members: ${d.memberTeamIds.map(tn).join(', ') || '—'}`, `Status: ${d.status}${d.outcome ? `; outcome: ${d.outcomeLabel ?? d.outcome}${d.forced ? ' (forced by exercise control)' : ''}` : ''}`, `Opened ${clock(d.openedScenarioMs)}, deadline ${clock(d.deadlineScenarioMs)}, closed ${clock(d.closedScenarioMs)}`]);
    const reasons = d.votes.some((v) => v.reason);
    if (d.votes.length) w.table([{ header: 'Team' }, { header: 'Vote' }, { header: 'At' }, ...(reasons ? [{ header: 'Reason stated' }] : [])], d.votes.map((v) => [tn(v.teamId), v.choiceLabel, clock(v.scenarioMs), ...(reasons ? [v.reason ?? ''] : [])]));
  }

  w.h1(SECTION_TITLES.rfis);
  if (r.rfis.length === 0) w.para('None.', { note: true });
  for (const t of r.rfis) {
    w.h2(`${tn(t.teamId)} → ${t.to}: ${t.subject}`);
    w.bullets(t.messages.map((m) => `${clock(m.scenarioMs)} ${m.authorName}: ${m.text}`));
  }

  if (r.hotwash) {
    const h = r.hotwash;
    w.h1(SECTION_TITLES.hotwash);
    w.para(`${h.submissions} survey response(s).`);
    w.table([{ header: 'Question' }, { header: 'Mean (1–5)', align: 'right' }, ...[1, 2, 3, 4, 5].map((v) => ({ header: String(v) }))], h.ratings.map((x) => [h.questions.find((q) => q.id === x.questionId)?.text ?? x.questionId, x.mean === null ? '—' : points(x.mean), ...x.distribution.map(String)]));
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
  if (r.timeline.length > PDF_TIMELINE_FULL_LIMIT) w.para(`${r.timeline.length} entries: acknowledgements and responses are counted per inject here; the JSON and Markdown exports list every entry.`, { note: true });
  w.table([{ header: 'Exercise time' }, { header: 'Wall time (UTC)' }, { header: 'Event' }], entries.map(({ e, text }) => [clock(e.scenarioMs), wall(e.at).slice(11, 19), text]), { fontSize: 7.5 });
  return w.finish();
}

/** Per inject, across the teams it reached: how many answered on time, late or not at all, and the median time to a first response. */
function injectSummaryTable(w: PdfWriter, r: AfterActionReport, names: TimelineNames, rows: number): void {
  w.h2('By inject, across teams');
  w.para(`${rows} team × inject rows: counted per inject here; the Markdown, JSON and responses CSV exports list each team's row.`, { note: true });
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
    [{ header: 'Inject' }, { header: 'Teams' }, { header: 'On time' }, { header: 'Late' }, { header: 'Missed' }, { header: 'Median 1st response' }],
    [...by].map(([id, s]) => [names.inject(id), String(s.delivered), String(s.onTime), String(s.late), String(s.missed), duration(median(s.first))]),
  );
}

function improvementPlanTable(w: PdfWriter, items: ImprovementItem[]): void {
  w.para(`Capability elements: ${CAPABILITY_ELEMENTS.join(', ')}.`, { note: true });
  if (items.length === 0) {
    w.para('No corrective actions recorded yet.', { note: true });
    return;
  }
  w.table(
    [{ header: 'Issue / area for improvement' }, { header: 'Corrective action' }, { header: 'Element' }, { header: 'Organisation' }, { header: 'POC' }, { header: 'Start' }, { header: 'Completion' }, { header: 'Status' }],
    items.map((i) => [i.issue, i.correctiveAction, i.capabilityElement, i.organisation, i.poc, i.startDate ?? '', i.completionDate ?? '', i.status]),
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
