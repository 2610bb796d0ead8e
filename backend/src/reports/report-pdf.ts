import { PdfWriter } from './pdf-writer.js';
import {
  CAPABILITY_ELEMENTS,
  type AfterActionReport,
  type ImprovementItem,
  type TimelineEntry,
} from './report-model.js';
import {
  clock,
  deliveryAccuracyRows,
  duration,
  participantsLabel,
  points,
  pointsOf,
  reportTitle,
  responseTime,
  scoreSourceLabel,
  teamNames,
  threatActorsLabel,
  wall,
  wallTime,
} from './report-format.js';
import { addressee, languageMark, REPORT_MESSAGES, type ReportMessages } from './report-messages.js';

/** Above this many responses the PDF lists the first ones and points to the other exports. */
export const PDF_RESPONSES_LIMIT = 1500;
import { describeTimelineEntry, type TimelineNames, timelineNames } from './report-timeline-text.js';
import { techniqueLabel } from './technique-names.js';

/** Above this many team × inject rows the PDF shows one line per inject across the teams; the other exports keep every row. */
export const PDF_PER_INJECT_FULL_LIMIT = 1500;

/** Above this many timeline entries the PDF condenses acknowledgements and responses per inject; JSON and Markdown keep every entry. */
export const PDF_TIMELINE_FULL_LIMIT = 1500;

/** Up to this many teams the score-by-objective table has a column per team (they fit across an A4 page). */
const SCORE_MATRIX_MAX_TEAMS = 6;

/** The report as a PDF, drawn on the server with pdfkit (no browser, no network). */
export async function reportPdf(r: AfterActionReport, t: ReportMessages = REPORT_MESSAGES.en): Promise<Buffer> {
  const h = t.h;
  const S = t.sections;
  const names = teamNames(r);
  const tn = (id: string) => names.get(id) ?? id;
  const lookups = timelineNames(r);
  const o = r.overview;
  const w = new PdfWriter(
    reportTitle(r, t),
    `${o.name} — ${o.scope.classification}${r.state === 'draft' ? ` — ${t.state.liveDraftBanner}` : ''}`,
    t.pageOf,
  );
  w.title(
    reportTitle(r, t),
    t.pdfSubtitle(
      r.state === 'final' ? t.state.finalReport : t.state.draft,
      wall(r.generatedAt, t),
      o.scope.classification,
    ),
  );

  w.h1(S.overview);
  w.bullets([
    `${t.overview.scenario}: ${o.pack.title} (${t.overview.pack} ${o.pack.id} ${o.pack.version})`,
    `${t.overview.dates}: ${t.overview.datesLine(wall(o.startedAt, t), wall(o.endedAt, t), clock(o.scenarioElapsedMs), o.scope.plannedDuration)}`,
    ...(o.scope.audience ? [`${t.overview.audience}: ${o.scope.audience}`] : []),
    `${t.overview.threatActors}: ${threatActorsLabel(o) || '—'}`,
    `${t.overview.coreCapabilities}: ${o.coreCapabilities.join('; ') || '—'}`,
  ]);
  w.para(o.summary);
  w.h2(t.overview.participatingTeams);
  w.table(
    [{ header: h.team }, { header: h.description }, { header: h.participants }],
    o.teams.map((x) => [x.name, x.description ?? '', participantsLabel(x, t)]),
  );
  w.h2(t.overview.objectives);
  w.table(
    [{ header: h.objective }, { header: h.coreCapability }],
    o.objectives.map((x) => [x.text, x.coreCapability]),
  );

  w.h1(S.objectives);
  w.para(
    `${t.ratingsLegend}: ${Object.entries<string>(t.ratings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ')}.`,
    { note: true },
  );
  for (const ob of r.objectives) {
    w.h2(`${ob.text} (${ob.coreCapability})`);
    w.table(
      [{ header: h.team }, { header: h.rating }, { header: h.observations }, { header: h.evaluator }],
      ob.teams.map((x) => [tn(x.teamId), x.rating ?? t.notRated, x.observations, x.evaluator ?? '']),
    );
  }

  if (r.edition.kind === 'full') {
    w.h1(S.findings);
    if (r.findings.drafted) w.para(t.draftedNote, { note: true });
    w.h2(t.strengths);
    w.bullets(r.findings.strengths.length ? r.findings.strengths.map((f) => f.text) : ['—']);
    w.h2(t.improvements);
    w.bullets(r.findings.improvements.length ? r.findings.improvements.map((f) => f.text) : ['—']);
  }

  w.h1(S.metrics);
  w.para(t.timingNote, { note: true });
  w.table(
    [
      { header: h.team },
      { header: h.injects },
      { header: t.short.acked },
      { header: h.responded },
      { header: t.short.medianAck },
      { header: t.short.medianFirstResponse },
      { header: h.onTime },
      { header: h.late },
      { header: h.missed },
    ],
    r.metrics.map((m) => [
      tn(m.teamId),
      String(m.injectsDelivered),
      String(m.acknowledged),
      String(m.responded),
      duration(m.medianAckMs, t),
      duration(m.medianFirstResponseMs, t),
      String(m.onTime),
      String(m.late),
      String(m.missed),
    ]),
  );
  const perInjectRows = r.metrics.reduce((a, m) => a + m.perInject.length, 0);
  if (perInjectRows > PDF_PER_INJECT_FULL_LIMIT) injectSummaryTable(w, r, lookups, perInjectRows, t);
  else
    for (const m of r.metrics) {
      w.h2(tn(m.teamId));
      w.table(
        [
          { header: h.inject },
          { header: h.delivered },
          { header: t.short.ackAfter },
          { header: t.short.firstResponse },
          { header: h.target },
          { header: h.status },
          { header: t.short.responses },
        ],
        m.perInject.map((x) => [
          lookups.inject(x.injectId),
          clock(x.deliveredScenarioMs),
          responseTime(x.ackMs, x.ackWhilePaused, t),
          responseTime(x.firstResponseMs, x.firstResponseWhilePaused, t),
          duration(x.respondWithinMs, t),
          t.status[x.status],
          String(x.responses),
        ]),
      );
    }

  w.h1(S.responses);
  if (r.responses.length === 0) w.para(t.noResponses, { note: true });
  else {
    if (r.responses.length > PDF_RESPONSES_LIMIT)
      w.para(t.responsesCapped(PDF_RESPONSES_LIMIT, r.responses.length), { note: true });
    const shown = r.responses.slice(0, PDF_RESPONSES_LIMIT);
    for (const team of o.teams) {
      const mine = shown.filter((x) => x.teamId === team.id);
      if (mine.length === 0) continue;
      w.h2(team.name);
      w.table(
        [{ header: h.exerciseTime }, { header: h.inject }, { header: h.author }, { header: h.response }],
        mine.map((x) => [
          clock(x.scenarioMs),
          lookups.inject(x.injectId),
          x.authorName,
          [
            x.language ? languageMark(x.language) : '',
            x.optionIds.map((id) => `“${lookups.option(x.injectId, id)}”`).join(', '),
            x.text,
          ]
            .filter(Boolean)
            .join(' '),
        ]),
      );
    }
  }

  if (r.deliveryAccuracy) {
    const a = deliveryAccuracyRows(r.deliveryAccuracy, t);
    w.h1(S.delivery);
    w.para(t.deliveryNote, { note: true });
    w.table(
      [
        { header: h.measure },
        { header: h.median, align: 'right' },
        { header: 'p99', align: 'right' },
        { header: h.worst, align: 'right' },
      ],
      a.table,
    );
    w.bullets(a.counts);
  }

  w.h1(S.scores);
  if (r.scores.source === 'hidden') w.para(t.scoresHidden, { note: true });
  else {
    w.para(scoreSourceLabel(r.scores.source, t), { note: true });
    w.table(
      [{ header: h.team }, { header: h.points, align: 'right' }, { header: h.of, align: 'right' }],
      r.scores.teams.map((s) => [tn(s.teamId), points(s.total), points(s.max)]),
    );
    if (r.scores.byObjective.length) {
      w.h2(t.scoreByObjective);
      const capability = (id: string) => o.objectives.find((x) => x.id === id)?.coreCapability ?? id;
      const cell = (b: (typeof r.scores.byObjective)[number], teamId: string) => {
        const t = b.teams.find((x) => x.teamId === teamId);
        return t ? pointsOf(t.points, t.max) : '—';
      };
      // objectives down the page, a column per team; with many teams, one row per team and objective
      if (r.scores.teams.length <= SCORE_MATRIX_MAX_TEAMS)
        w.table(
          [
            { header: h.objectiveCapability },
            ...r.scores.teams.map((s) => ({ header: tn(s.teamId), align: 'right' as const })),
          ],
          r.scores.byObjective.map((b) => [capability(b.objectiveId), ...r.scores.teams.map((s) => cell(b, s.teamId))]),
        );
      else
        w.table(
          [{ header: h.team }, { header: h.objectiveCapability }, { header: h.points, align: 'right' }],
          r.scores.teams.flatMap((s) =>
            r.scores.byObjective.map((b) => [tn(s.teamId), capability(b.objectiveId), cell(b, s.teamId)]),
          ),
        );
    }
  }

  w.h1(S.coverage);
  if (r.coverage.length === 0) w.para(t.noTechniques, { note: true });
  else
    w.table(
      [
        { header: h.framework },
        { header: h.technique },
        { header: h.injects },
        { header: h.teamsAnswered },
        { header: h.onTime },
        { header: h.points },
      ],
      r.coverage.map((c) => {
        const sum = (f: (t: (typeof c.teams)[number]) => number) => c.teams.reduce((a, t) => a + f(t), 0);
        return [
          c.framework === 'attack' ? 'ATT&CK' : 'DISARM',
          `${c.name ? `${c.techniqueId} ${c.name}` : techniqueLabel(c.framework, c.techniqueId)}${c.assumed ? ` ${t.assumed}` : ''}`,
          c.injectIds.map(lookups.inject).join('; '),
          `${sum((t) => t.responded)} / ${sum((t) => t.delivered)}`,
          String(sum((t) => t.onTime)),
          sum((t) => t.max)
            ? pointsOf(
                sum((t) => t.points),
                sum((t) => t.max),
              )
            : '—',
        ];
      }),
    );

  w.h1(S.decisions);
  if (r.decisions.length === 0) w.para(t.noDecisions, { note: true });
  for (const d of r.decisions) {
    w.h2(d.question);
    w.bullets([
      t.decisionMode(d.mode, d.memberTeamIds.map(tn).join(', ') || '—'),
      t.decisionStatus(d.status, d.outcome ? (d.outcomeLabel ?? d.outcome) : null, d.forced),
      t.decisionTimes(clock(d.openedScenarioMs), clock(d.deadlineScenarioMs), clock(d.closedScenarioMs)),
    ]);
    const reasons = d.votes.some((v) => v.reason);
    if (d.votes.length)
      w.table(
        [{ header: h.team }, { header: h.vote }, { header: h.at }, ...(reasons ? [{ header: h.reasonStated }] : [])],
        d.votes.map((v) => [tn(v.teamId), v.choiceLabel, clock(v.scenarioMs), ...(reasons ? [v.reason ?? ''] : [])]),
      );
  }

  w.h1(S.rfis);
  if (r.rfis.length === 0) w.para(t.none, { note: true });
  for (const x of r.rfis) {
    w.h2(`${tn(x.teamId)} → ${addressee(x.to, t)}: ${x.subject}`);
    w.bullets(
      x.messages.map(
        (m) => `${clock(m.scenarioMs)} ${m.authorName}: ${m.language ? `${languageMark(m.language)} ` : ''}${m.text}`,
      ),
    );
  }

  if (r.hotwash) {
    const hw = r.hotwash;
    const question = (id: string) => t.hotwashQuestions[id] ?? hw.questions.find((q) => q.id === id)?.text ?? id;
    w.h1(S.hotwash);
    w.para(t.surveyResponses(hw.submissions));
    w.table(
      [
        { header: h.question },
        { header: h.mean, align: 'right' },
        ...[1, 2, 3, 4, 5].map((v) => ({ header: String(v) })),
      ],
      hw.ratings.map((x) => [
        question(x.questionId),
        x.mean === null ? '—' : points(x.mean),
        ...x.distribution.map(String),
      ]),
    );
    for (const q of hw.questions.filter((x) => x.kind === 'text')) {
      const cs = hw.comments.filter((c) => c.questionId === q.id);
      if (cs.length) {
        w.h2(question(q.id));
        w.bullets(cs.map((c) => `${tn(c.teamId)}: ${c.language ? `${languageMark(c.language)} ` : ''}${c.text}`));
      }
    }
  }

  if (r.edition.kind === 'full') {
    w.h1(S.plan);
    improvementPlanTable(w, r.improvementPlan, t);
  }

  w.h1(S.timeline);
  const entries =
    r.timeline.length > PDF_TIMELINE_FULL_LIMIT
      ? condense(r.timeline, lookups, t)
      : r.timeline.map((e) => ({ e, text: describeTimelineEntry(e, lookups, t) }));
  if (r.timeline.length > PDF_TIMELINE_FULL_LIMIT) w.para(t.timelineCondensed(r.timeline.length), { note: true });
  w.table(
    [{ header: h.exerciseTime }, { header: h.wallTimeZone }, { header: h.event }],
    entries.map(({ e, text }) => [clock(e.scenarioMs), wallTime(e.at, t), text]),
    { fontSize: 7.5 },
  );
  return w.finish();
}

/** Per inject, across the teams it reached: how many answered on time, late or not at all, and the median time to a first response. */
function injectSummaryTable(
  w: PdfWriter,
  r: AfterActionReport,
  names: TimelineNames,
  rows: number,
  t: ReportMessages,
): void {
  w.h2(t.byInjectAcrossTeams);
  w.para(t.byInjectNote(rows), { note: true });
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
    [
      { header: t.h.inject },
      { header: t.h.teams },
      { header: t.h.onTime },
      { header: t.h.late },
      { header: t.h.missed },
      { header: t.short.medianFirstResponse },
    ],
    [...by].map(([id, s]) => [
      names.inject(id),
      String(s.delivered),
      String(s.onTime),
      String(s.late),
      String(s.missed),
      duration(median(s.first), t),
    ]),
  );
}

function improvementPlanTable(w: PdfWriter, items: ImprovementItem[], t: ReportMessages): void {
  w.para(`${t.capabilityElementsLine}: ${CAPABILITY_ELEMENTS.map((e) => t.capabilityElements[e]).join(', ')}.`, {
    note: true,
  });
  if (items.length === 0) {
    w.para(t.noCorrectiveActions, { note: true });
    return;
  }
  const h = t.planHeaders;
  w.table(
    [
      { header: h.issue },
      { header: h.correctiveAction },
      { header: t.short.element },
      { header: t.short.organisation },
      { header: h.poc },
      { header: h.start },
      { header: h.completion },
      { header: h.status },
    ],
    items.map((i) => [
      i.issue,
      i.correctiveAction,
      t.capabilityElements[i.capabilityElement],
      i.organisation,
      i.poc,
      i.startDate ?? '',
      i.completionDate ?? '',
      t.planStatus[i.status],
    ]),
  );
}

/** The improvement plan alone as a PDF. */
export async function improvementPlanPdf(
  exerciseName: string,
  items: ImprovementItem[],
  t: ReportMessages = REPORT_MESSAGES.en,
): Promise<Buffer> {
  const w = new PdfWriter(t.planTitle(exerciseName), exerciseName, t.pageOf);
  w.title(t.planTitle(exerciseName), t.generated(wall(Date.now(), t)));
  improvementPlanTable(w, items, t);
  return w.finish();
}

/** Keeps every entry except acknowledgements and responses, which become one line per inject and kind. */
function condense(
  timeline: TimelineEntry[],
  names: TimelineNames,
  t: ReportMessages,
): { e: TimelineEntry; text: string }[] {
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
    } else out.push({ e, text: describeTimelineEntry(e, names, t) });
  }
  for (const g of groups.values()) {
    g.line.text = t.condensedLine(
      g.count,
      g.line.e.kind === 'acknowledgement' ? 'acknowledgement' : 'response',
      g.teams.size,
      names.inject(g.line.e.injectId ?? ''),
    );
  }
  return out;
}
