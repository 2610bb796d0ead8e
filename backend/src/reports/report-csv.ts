import type { AfterActionReport, ImprovementItem } from './report-model.js';
import { clock, teamNames } from './report-format.js';
import { REPORT_MESSAGES, type ReportMessages, ruleText } from './report-messages.js';

const EN = REPORT_MESSAGES.en;

/** RFC 4180 field; a leading =, +, - or @ is defused so spreadsheets never run it as a formula. */
function field(v: string | number | boolean | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (head: string[], rows: (string | number | boolean | null | undefined)[][]) =>
  [head, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';

/** Column names in the report's language; the values stay as stored (ids, statuses, text as written, with its language). */
export function responsesCsv(r: AfterActionReport, t: ReportMessages = EN): string {
  const names = teamNames(r);
  const timing = new Map(r.metrics.flatMap((m) => m.perInject.map((x) => [`${m.teamId}/${x.injectId}`, x] as const)));
  const subjects = new Map(r.overview.injects.map((i) => [i.id, i.subject]));
  return csv(
    t.csv.responses,
    r.responses.map((x) => {
      const x2 = timing.get(`${x.teamId}/${x.injectId}`);
      return [
        names.get(x.teamId) ?? x.teamId,
        x.injectId,
        subjects.get(x.injectId) ?? '',
        x.authorName,
        clock(x.scenarioMs),
        x.scenarioMs,
        new Date(x.createdAt).toISOString(),
        new Date(x.updatedAt).toISOString(),
        x.optionIds.join(' '),
        x.text,
        x2?.deliveredScenarioMs ?? '',
        x2?.respondWithinMs ?? '',
        x2?.status ?? '',
        x.language ?? '',
      ];
    }),
  );
}

export function scoresCsv(r: AfterActionReport, t: ReportMessages = EN): string {
  const names = teamNames(r);
  const actionText = new Map(r.scores.expectedActions.map((a) => [`${a.injectId}/${a.id}`, a.text]));
  return csv(
    t.csv.scores,
    r.scores.teams.flatMap((s) =>
      s.items.map((i) => [
        names.get(s.teamId) ?? s.teamId,
        i.injectId,
        i.expectedActionId ?? '',
        (i.expectedActionId ? actionText.get(`${i.injectId}/${i.expectedActionId}`) : undefined) ?? '',
        i.kind,
        i.points,
        i.max,
        'rule' in i.source ? ruleText(i.source, t) : 'evaluator',
        'rule' in i.source ? '' : i.source.evaluator,
        'rule' in i.source ? '' : i.source.reason,
      ]),
    ),
  );
}

export function improvementPlanCsv(items: ImprovementItem[], t: ReportMessages = EN): string {
  return csv(
    t.csv.plan,
    items.map((i, k) => [
      k + 1,
      i.issue,
      i.correctiveAction,
      i.capabilityElement,
      i.organisation,
      i.poc,
      i.startDate ?? '',
      i.completionDate ?? '',
      i.status,
      i.objectiveId ?? '',
    ]),
  );
}
