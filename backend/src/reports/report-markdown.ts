import { CAPABILITY_ELEMENTS, type AfterActionReport, type ImprovementItem } from './report-model.js';
import {
  clock,
  deliveryAccuracyRows,
  duration,
  participantsLabel,
  pointsOf,
  points,
  reportTitle,
  responseTime,
  scoreSourceLabel,
  teamNames,
  threatActorsLabel,
  wall,
} from './report-format.js';
import { addressee, languageMark, REPORT_MESSAGES, type ReportMessages, ruleText } from './report-messages.js';
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
const table = (head: string[], rows: (string | number | null | undefined)[][]) =>
  [
    `| ${head.map(cell).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');

/** What people wrote, with the language they wrote it in marked: "[한국어] …". */
export const asWritten = (text: string, language: string | null | undefined) =>
  language ? `${languageMark(language)} ${text}` : text;

export function improvementPlanMarkdown(
  items: ImprovementItem[],
  objectives: Map<string, string>,
  t: ReportMessages = REPORT_MESSAGES.en,
): string {
  if (items.length === 0) return `_${t.noCorrectiveActions}_`;
  const h = t.planHeaders;
  return table(
    ['#', h.issue, h.correctiveAction, h.element, h.organisation, h.poc, h.start, h.completion, h.status, h.objective],
    items.map((i, k) => [
      k + 1,
      i.issue,
      i.correctiveAction,
      t.capabilityElements[i.capabilityElement],
      i.organisation,
      i.poc,
      i.startDate ?? '',
      i.completionDate ?? '',
      t.planStatus[i.status],
      i.objectiveId ? (objectives.get(i.objectiveId) ?? i.objectiveId) : '',
    ]),
  );
}

/** The report as Markdown (every section, the full timeline), its own words in `t`'s language. */
export function reportMarkdown(r: AfterActionReport, t: ReportMessages = REPORT_MESSAGES.en): string {
  const names = teamNames(r);
  const tn = (id: string) => names.get(id) ?? id;
  const lookups = timelineNames(r);
  const actionText = new Map(r.scores.expectedActions.map((a) => [`${a.injectId}/${a.id}`, a.text]));
  const o = r.overview;
  const h = t.h;
  const S = t.sections;
  const out: string[] = [];
  out.push(`# ${m(reportTitle(r, t))}`, '');
  out.push(
    `_${t.generatedFormat(r.state === 'final' ? t.state.final : t.state.draft, wall(r.generatedAt, t), `${r.schema} v${r.version}`)}_`,
    '',
  );

  out.push(`## ${S.overview}`, '');
  out.push(
    `- **${t.overview.scenario}:** ${m(o.pack.title)} (${t.overview.pack} ${m(o.pack.id)} ${m(o.pack.version)})`,
    `- **${t.overview.classification}:** ${m(o.scope.classification)}`,
    `- **${t.overview.dates}:** ${t.overview.datesLine(wall(o.startedAt, t), wall(o.endedAt, t), clock(o.scenarioElapsedMs), m(o.scope.plannedDuration))}`,
  );
  if (o.scope.audience) out.push(`- **${t.overview.audience}:** ${m(o.scope.audience)}`);
  out.push(
    `- **${t.overview.threatActors}:** ${m(threatActorsLabel(o)) || '—'}`,
    `- **${t.overview.coreCapabilities}:** ${m(o.coreCapabilities.join('; ')) || '—'}`,
    '',
    m(o.summary),
    '',
  );
  out.push(
    table(
      [h.team, h.description, h.participants],
      o.teams.map((x) => [x.name, x.description ?? '', participantsLabel(x, t)]),
    ),
    '',
  );
  if (o.scope.phases.length)
    out.push(
      table(
        [h.phase, h.start, h.summary],
        o.scope.phases.map((p) => [p.title, p.start, p.summary ?? '']),
      ),
      '',
    );

  out.push(`## ${S.objectives}`, '');
  out.push(
    `_${t.ratingsLegend}: ${Object.entries<string>(t.ratings)
      .map(([k, v]) => `${k} = ${v}`)
      .join('; ')}_`,
    '',
  );
  for (const ob of r.objectives) {
    out.push(`### ${m(ob.text)}`, '', `${t.coreCapabilityLine}: **${m(ob.coreCapability)}**`, '');
    out.push(
      table(
        [h.team, h.rating, h.observations, h.evaluator],
        ob.teams.map((x) => [
          tn(x.teamId),
          x.rating ? `${x.rating} — ${t.ratings[x.rating]}` : t.notRated,
          x.observations,
          x.evaluator ?? '',
        ]),
      ),
      '',
    );
  }

  if (r.edition.kind === 'full') {
    out.push(`## ${S.findings}`, '', r.findings.drafted ? `_${t.draftedNote}_` : '', '');
    out.push(
      `### ${t.strengths}`,
      '',
      ...(r.findings.strengths.length ? r.findings.strengths.map((f) => `- ${m(f.text)}`) : ['- —']),
      '',
    );
    out.push(
      `### ${t.improvements}`,
      '',
      ...(r.findings.improvements.length ? r.findings.improvements.map((f) => `- ${m(f.text)}`) : ['- —']),
      '',
    );
  }

  out.push(`## ${S.metrics}`, '', `_${t.timingNote}_`, '');
  out.push(
    table(
      [h.team, h.injects, h.acknowledged, h.responded, h.medianAck, h.medianFirstResponse, h.onTime, h.late, h.missed],
      r.metrics.map((x) => [
        tn(x.teamId),
        x.injectsDelivered,
        x.acknowledged,
        x.responded,
        duration(x.medianAckMs, t),
        duration(x.medianFirstResponseMs, t),
        x.onTime,
        x.late,
        x.missed,
      ]),
    ),
    '',
  );
  for (const x of r.metrics) {
    out.push(`### ${mdText(tn(x.teamId))}`, '');
    out.push(
      table(
        [h.inject, h.delivered, h.ackAfter, h.firstResponseAfter, h.target, h.status, h.responses],
        x.perInject.map((y) => [
          lookups.inject(y.injectId),
          clock(y.deliveredScenarioMs),
          responseTime(y.ackMs, y.ackWhilePaused, t),
          responseTime(y.firstResponseMs, y.firstResponseWhilePaused, t),
          duration(y.respondWithinMs, t),
          t.status[y.status],
          y.responses,
        ]),
      ),
      '',
    );
  }

  out.push(`## ${S.responses}`, '');
  if (r.responses.length === 0) out.push(`_${t.noResponses}_`, '');
  for (const team of o.teams) {
    const mine = r.responses.filter((x) => x.teamId === team.id);
    if (mine.length === 0) continue;
    out.push(`### ${mdText(team.name)}`, '');
    out.push(
      table(
        [h.exerciseTime, h.inject, h.author, h.options, h.response],
        mine.map((x) => [
          clock(x.scenarioMs),
          lookups.inject(x.injectId),
          x.authorName,
          x.optionIds.map((id) => lookups.option(x.injectId, id)).join('; '),
          asWritten(x.text, x.language),
        ]),
      ),
      '',
    );
  }

  if (r.deliveryAccuracy) {
    const a = deliveryAccuracyRows(r.deliveryAccuracy, t);
    out.push(`## ${S.delivery}`, '', `_${t.deliveryNote}_`, '');
    out.push(table([h.measure, h.median, 'p99', h.worst], a.table), '', ...a.counts.map((c) => `- ${c}`), '');
  }

  out.push(`## ${S.scores}`, '');
  if (r.scores.source === 'hidden') out.push(`_${t.scoresHidden}_`, '');
  else {
    out.push(`_${scoreSourceLabel(r.scores.source, t)}_`, '');
    out.push(
      table(
        [h.team, h.points, h.of],
        r.scores.teams.map((s) => [tn(s.teamId), points(s.total), points(s.max)]),
      ),
      '',
    );
    for (const s of r.scores.teams) {
      out.push(`### ${m(tn(s.teamId))}: ${pointsOf(s.total, s.max)}`, '');
      out.push(
        table(
          [h.inject, h.item, h.kind, h.points, h.max, h.source],
          s.items.map((i) => [
            lookups.inject(i.injectId),
            (i.expectedActionId ? actionText.get(`${i.injectId}/${i.expectedActionId}`) : undefined) ??
              i.expectedActionId ??
              '',
            t.scoreKind[i.kind],
            points(i.points),
            points(i.max),
            'rule' in i.source ? ruleText(i.source, t) : `${i.source.evaluator}: ${i.source.reason}`,
          ]),
        ),
        '',
      );
    }
  }

  out.push(`## ${S.coverage}`, '');
  out.push(
    r.coverage.length
      ? table(
          [h.framework, h.technique, h.injects, ...r.overview.teams.map((x) => x.name)],
          r.coverage.map((c) => [
            c.framework === 'attack' ? 'ATT&CK' : 'DISARM',
            `${c.name ? `${c.techniqueId} ${c.name}` : techniqueLabel(c.framework, c.techniqueId)}${c.assumed ? ` ${t.assumed}` : ''}`,
            c.injectIds.map(lookups.inject).join('; '),
            ...r.overview.teams.map((team) => {
              const x = c.teams.find((y) => y.teamId === team.id);
              return x
                ? t.coverageCell(x.responded, x.delivered, x.onTime, x.max ? pointsOf(x.points, x.max) : null)
                : '—';
            }),
          ]),
        )
      : `_${t.noTechniques}_`,
    '',
  );

  out.push(`## ${S.decisions}`, '');
  if (r.decisions.length === 0) out.push(`_${t.noDecisions}_`, '');
  for (const d of r.decisions) {
    out.push(
      `### ${m(d.question)}`,
      '',
      `- ${t.decisionMode(d.mode, m(d.memberTeamIds.map(tn).join(', ')) || '—')}`,
      `- ${t.decisionStatus(d.status, d.outcome ? `**${m(d.outcomeLabel ?? d.outcome)}**` : null, d.forced)}`,
      `- ${t.decisionTimes(clock(d.openedScenarioMs), clock(d.deadlineScenarioMs), clock(d.closedScenarioMs))}`,
      '',
    );
    const reasons = d.votes.some((v) => v.reason);
    out.push(
      d.votes.length
        ? table(
            [h.team, h.vote, h.at, ...(reasons ? [h.reasonStated] : [])],
            d.votes.map((v) => [
              tn(v.teamId),
              v.choiceLabel,
              clock(v.scenarioMs),
              ...(reasons ? [v.reason ?? ''] : []),
            ]),
          )
        : `_${t.noVotes}_`,
      '',
    );
  }

  out.push(`## ${S.rfis}`, '');
  if (r.rfis.length === 0) out.push(`_${t.none}_`, '');
  for (const x of r.rfis) {
    out.push(`### ${m(tn(x.teamId))} → ${m(addressee(x.to, t))}: ${m(x.subject)}`, '');
    for (const msg of x.messages)
      out.push(
        `- ${clock(msg.scenarioMs)} **${m(msg.authorName)}**: ${msg.language ? `${languageMark(msg.language)} ` : ''}${m(msg.text)}`,
      );
    out.push('');
  }

  if (r.hotwash) {
    const hw = r.hotwash;
    const question = (id: string) => t.hotwashQuestions[id] ?? hw.questions.find((q) => q.id === id)?.text ?? id;
    out.push(`## ${S.hotwash}`, '', t.surveyResponses(hw.submissions), '');
    out.push(
      table(
        [h.question, h.mean, '1', '2', '3', '4', '5'],
        hw.ratings.map((x) => [question(x.questionId), x.mean === null ? '—' : points(x.mean), ...x.distribution]),
      ),
      '',
    );
    for (const q of hw.questions.filter((x) => x.kind === 'text')) {
      const cs = hw.comments.filter((c) => c.questionId === q.id);
      if (cs.length)
        out.push(
          `**${m(question(q.id))}**`,
          '',
          ...cs.map((c) => `- _${m(tn(c.teamId))}:_ ${c.language ? `${languageMark(c.language)} ` : ''}${m(c.text)}`),
          '',
        );
    }
  }

  if (r.edition.kind === 'full') {
    out.push(
      `## ${S.plan}`,
      '',
      `${t.capabilityElementsLine}: ${CAPABILITY_ELEMENTS.map((e) => t.capabilityElements[e]).join(', ')}.`,
      '',
    );
    out.push(
      improvementPlanMarkdown(r.improvementPlan, new Map(r.overview.objectives.map((x) => [x.id, x.text])), t),
      '',
    );
  }

  out.push(`## ${S.timeline}`, '');
  out.push(
    table(
      [h.exerciseTime, h.wallTime, h.event, h.teams],
      r.timeline.map((e) => [
        clock(e.scenarioMs),
        wall(e.at, t),
        describeTimelineEntry(e, lookups, t),
        e.teamIds.map(tn).join(', '),
      ]),
    ),
    '',
  );
  return out.join('\n');
}
