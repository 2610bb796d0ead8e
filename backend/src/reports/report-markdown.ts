import { CAPABILITY_ELEMENTS, type AfterActionReport, type ImprovementItem, RATING_LABELS } from './report-model.js';
import { clock, DELIVERY_ACCURACY_NOTE, deliveryAccuracyRows, duration, participantsLabel, pointsOf, points, reportTitle, responseTime, SCORE_SOURCE_LABEL, SECTION_TITLES, STATUS_LABEL, teamNames, threatActorsLabel, TIMING_NOTE, wall } from './report-format.js';
import { describeTimelineEntry, timelineNames } from './report-timeline-text.js';
import { techniqueLabel } from './technique-names.js';

/**
 * Text written by people (players above all: responses, requests, hotwash answers, display names) as
 * inert Markdown, on one line: raw HTML is shown as text (`<` and `>` as entities), links, images and
 * emphasis cannot be formed (their punctuation is escaped), and a `javascript:`-like scheme is broken
 * up so no renderer or linkifier turns it into a link. A plain `&` stays readable; one that would
 * start an entity is escaped.
 */
export function mdText(v: string | number | null | undefined): string {
  return String(v ?? '')
    .replace(/\r?\n/g, ' ')
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]!#~|]/g, (c) => `\\${c}`)
    .replace(/\b(javascript|vbscript|data|file):/gi, '$1\\:');
}

const m = mdText;
/** Markdown table cell: one line, inert (see mdText). */
const cell = (v: string | number | null | undefined) => mdText(v);
const table = (head: string[], rows: (string | number | null | undefined)[][]) => [`| ${head.map(cell).join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

export function improvementPlanMarkdown(items: ImprovementItem[], objectives: Map<string, string>): string {
  if (items.length === 0) return '_No corrective actions recorded yet._';
  return table(
    ['#', 'Issue / area for improvement', 'Corrective action', 'Capability element', 'Primary responsible organisation', 'POC', 'Start', 'Completion', 'Status', 'Objective'],
    items.map((i, k) => [k + 1, i.issue, i.correctiveAction, i.capabilityElement, i.organisation, i.poc, i.startDate ?? '', i.completionDate ?? '', i.status, i.objectiveId ? (objectives.get(i.objectiveId) ?? i.objectiveId) : '']),
  );
}

/** The report as Markdown (every section, the full timeline). */
export function reportMarkdown(r: AfterActionReport): string {
  const names = teamNames(r);
  const tn = (id: string) => names.get(id) ?? id;
  const lookups = timelineNames(r);
  const actionText = new Map(r.scores.expectedActions.map((a) => [`${a.injectId}/${a.id}`, a.text]));
  const o = r.overview;
  const out: string[] = [];
  out.push(`# ${m(reportTitle(r))}`, '');
  out.push(`_${r.state === 'final' ? 'Final' : 'Live draft'} — generated ${wall(r.generatedAt)}; format ${r.schema} v${r.version}_`, '');

  out.push(`## ${SECTION_TITLES.overview}`, '');
  out.push(`- **Scenario:** ${m(o.pack.title)} (pack ${m(o.pack.id)} ${m(o.pack.version)})`, `- **Classification:** ${m(o.scope.classification)}`, `- **Dates:** started ${wall(o.startedAt)}, ended ${wall(o.endedAt)}; exercise clock reached ${clock(o.scenarioElapsedMs)} of a planned ${m(o.scope.plannedDuration)}`);
  if (o.scope.audience) out.push(`- **Scope / audience:** ${m(o.scope.audience)}`);
  out.push(`- **Threat actors:** ${m(threatActorsLabel(o)) || '—'}`, `- **Core capabilities:** ${m(o.coreCapabilities.join('; ')) || '—'}`, '', m(o.summary), '');
  out.push(table(['Team', 'Description', 'Participants'], o.teams.map((t) => [t.name, t.description ?? '', participantsLabel(t)])), '');
  if (o.scope.phases.length) out.push(table(['Phase', 'Start', 'Summary'], o.scope.phases.map((p) => [p.title, p.start, p.summary ?? ''])), '');

  out.push(`## ${SECTION_TITLES.objectives}`, '');
  for (const ob of r.objectives) {
    out.push(`### ${m(ob.text)}`, '', `Core capability: **${m(ob.coreCapability)}**`, '');
    out.push(table(['Team', 'Rating', 'Observations', 'Evaluator'], ob.teams.map((t) => [tn(t.teamId), t.rating ? `${t.rating} — ${RATING_LABELS[t.rating]}` : 'not rated', t.observations, t.evaluator ?? ''])), '');
  }

  if (r.edition.kind === 'full') {
    out.push(`## ${SECTION_TITLES.findings}`, '', r.findings.drafted ? '_Drafted from evaluator notes and response times; edit before release._' : '', '');
    out.push('### Strengths', '', ...(r.findings.strengths.length ? r.findings.strengths.map((f) => `- ${m(f.text)}`) : ['- —']), '');
    out.push('### Areas for improvement', '', ...(r.findings.improvements.length ? r.findings.improvements.map((f) => `- ${m(f.text)}`) : ['- —']), '');
  }

  out.push(`## ${SECTION_TITLES.metrics}`, '', `_${TIMING_NOTE}_`, '');
  out.push(table(['Team', 'Injects', 'Acknowledged', 'Responded', 'Median time to acknowledge', 'Median time to first response', 'On time', 'Late', 'Missed'], r.metrics.map((m) => [tn(m.teamId), m.injectsDelivered, m.acknowledged, m.responded, duration(m.medianAckMs), duration(m.medianFirstResponseMs), m.onTime, m.late, m.missed])), '');
  for (const m of r.metrics) {
    out.push(`### ${mdText(tn(m.teamId))}`, '');
    out.push(table(['Inject', 'Delivered', 'Acknowledged after', 'First response after', 'Target', 'Status', 'Responses'], m.perInject.map((x) => [lookups.inject(x.injectId), clock(x.deliveredScenarioMs), responseTime(x.ackMs, x.ackWhilePaused), responseTime(x.firstResponseMs, x.firstResponseWhilePaused), duration(x.respondWithinMs), STATUS_LABEL[x.status], x.responses])), '');
  }

  if (r.deliveryAccuracy) {
    const a = deliveryAccuracyRows(r.deliveryAccuracy);
    out.push(`## ${SECTION_TITLES.delivery}`, '', `_${DELIVERY_ACCURACY_NOTE}_`, '');
    out.push(table(['Measure', 'Median (p50)', 'p99', 'Worst'], a.table), '', ...a.counts.map((c) => `- ${c}`), '');
  }

  out.push(`## ${SECTION_TITLES.scores}`, '');
  if (r.scores.source === 'hidden') out.push('_Scores are not shared with teams for this exercise._', '');
  else {
    out.push(`_${SCORE_SOURCE_LABEL[r.scores.source]}_`, '');
    out.push(table(['Team', 'Points', 'Of'], r.scores.teams.map((s) => [tn(s.teamId), points(s.total), points(s.max)])), '');
    for (const s of r.scores.teams) {
      out.push(`### ${m(tn(s.teamId))}: ${pointsOf(s.total, s.max)}`, '');
      out.push(table(['Inject', 'Item', 'Kind', 'Points', 'Max', 'Source'], s.items.map((i) => [lookups.inject(i.injectId), (i.expectedActionId ? actionText.get(`${i.injectId}/${i.expectedActionId}`) : undefined) ?? i.expectedActionId ?? '', i.kind, points(i.points), points(i.max), 'rule' in i.source ? i.source.rule : `${i.source.evaluator}: ${i.source.reason}`])), '');
    }
  }

  out.push(`## ${SECTION_TITLES.coverage}`, '');
  out.push(
    r.coverage.length
      ? table(['Framework', 'Technique', 'Injects', ...r.overview.teams.map((t) => t.name)], r.coverage.map((c) => [c.framework === 'attack' ? 'ATT&CK' : 'DISARM', `${c.name ? `${c.techniqueId} ${c.name}` : techniqueLabel(c.framework, c.techniqueId)}${c.assumed ? ' (assumed)' : ''}`, c.injectIds.map(lookups.inject).join('; '), ...r.overview.teams.map((t) => {
          const x = c.teams.find((y) => y.teamId === t.id);
          return x ? `${x.responded}/${x.delivered} answered, ${x.onTime} on time${x.max ? `, ${pointsOf(x.points, x.max)} pts` : ''}` : '—';
        })]))
      : '_No tagged techniques were played._',
    '',
  );

  out.push(`## ${SECTION_TITLES.decisions}`, '');
  if (r.decisions.length === 0) out.push('_No decisions._', '');
  for (const d of r.decisions) {
    out.push(`### ${m(d.question)}`, '', `- Mode: ${d.mode}; members: ${m(d.memberTeamIds.map(tn).join(', ')) || '—'}`, `- Status: ${d.status}${d.outcome ? `; outcome: **${m(d.outcomeLabel ?? d.outcome)}**${d.forced ? ' (forced by exercise control)' : ''}` : ''}`, `- Opened ${clock(d.openedScenarioMs)}, deadline ${clock(d.deadlineScenarioMs)}, closed ${clock(d.closedScenarioMs)}`, '');
    const reasons = d.votes.some((v) => v.reason);
    out.push(d.votes.length ? table(['Team', 'Vote', 'At', ...(reasons ? ['Reason stated'] : [])], d.votes.map((v) => [tn(v.teamId), v.choiceLabel, clock(v.scenarioMs), ...(reasons ? [v.reason ?? ''] : [])])) : '_No votes._', '');
  }

  out.push(`## ${SECTION_TITLES.rfis}`, '');
  if (r.rfis.length === 0) out.push('_None._', '');
  for (const t of r.rfis) {
    out.push(`### ${m(tn(t.teamId))} → ${m(t.to)}: ${m(t.subject)}`, '');
    for (const x of t.messages) out.push(`- ${clock(x.scenarioMs)} **${m(x.authorName)}**: ${m(x.text)}`);
    out.push('');
  }

  if (r.hotwash) {
    const h = r.hotwash;
    out.push(`## ${SECTION_TITLES.hotwash}`, '', `${h.submissions} survey response(s).`, '');
    out.push(table(['Question', 'Mean (1–5)', '1', '2', '3', '4', '5'], h.ratings.map((x) => [h.questions.find((q) => q.id === x.questionId)?.text ?? x.questionId, x.mean === null ? '—' : points(x.mean), ...x.distribution])), '');
    for (const q of h.questions.filter((x) => x.kind === 'text')) {
      const cs = h.comments.filter((c) => c.questionId === q.id);
      if (cs.length) out.push(`**${m(q.text)}**`, '', ...cs.map((c) => `- _${m(tn(c.teamId))}:_ ${m(c.text)}`), '');
    }
  }

  if (r.edition.kind === 'full') {
    out.push(`## ${SECTION_TITLES.plan}`, '', `Capability elements: ${CAPABILITY_ELEMENTS.join(', ')}.`, '');
    out.push(improvementPlanMarkdown(r.improvementPlan, new Map(r.overview.objectives.map((x) => [x.id, x.text]))), '');
  }

  out.push(`## ${SECTION_TITLES.timeline}`, '');
  out.push(table(['Exercise time', 'Wall time', 'Event', 'Teams'], r.timeline.map((e) => [clock(e.scenarioMs), wall(e.at), describeTimelineEntry(e, lookups), e.teamIds.map(tn).join(', ')])), '');
  return out.join('\n');
}
