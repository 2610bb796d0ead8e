import type { ScenarioPack } from '../scenarios/pack/pack-schema.js';
import { badInput } from '../common/domain-error.js';
import { localiseInject, packLanguages, sourceLanguage } from '../scenarios/pack/pack-translations.js';
import { scoreItemsIn } from '../scoring/score-language.js';
import { REPORT_LANGUAGES, reportMessages } from './report-messages.js';
import type { AfterActionReport } from './report-model.js';

/**
 * A report with the scenario's own words (pack title, summary, audience, objectives and their core
 * capabilities, phases, teams, inject subjects, option and decision labels, expected actions, a
 * distractor's why in the score breakdown) in the reader's language, each falling back to the source
 * where the pack has no translation. What people wrote (responses, RFIs) stays as written.
 */
export function localiseReport(report: AfterActionReport, pack: ScenarioPack, language: string): AfterActionReport {
  if (language === sourceLanguage(pack) || !pack.translations?.[language]) return report;
  const t = pack.translations[language];
  const injects = new Map(pack.injects.map((i) => [i.id, i]));
  const local = (id: string) => {
    const inject = injects.get(id);
    return inject ? localiseInject(inject, pack, language).inject : undefined;
  };
  const o = report.overview;
  const sourceTeams = new Map(pack.teams.map((x) => [x.id, x]));
  // a core capability is a name shared by objectives: its translation is the first objective's that has one
  const capabilities = new Map<string, string>();
  for (const x of pack.objectives) {
    const c = t.pack.objectives?.[x.id]?.coreCapability;
    if (c !== undefined && !capabilities.has(x.coreCapability)) capabilities.set(x.coreCapability, c);
  }
  const capability = (c: string) => capabilities.get(c) ?? c;
  const objective = <X extends { text: string; coreCapability: string }>(x: X, id: string): X => ({
    ...x,
    text: t.pack.objectives?.[id]?.text ?? x.text,
    coreCapability: capability(x.coreCapability),
  });
  return {
    ...report,
    overview: {
      ...o,
      pack: { ...o.pack, title: t.pack.title ?? o.pack.title },
      summary: t.pack.summary ?? o.summary,
      scope: {
        ...o.scope,
        audience: o.scope.audience === null ? null : (t.pack.audience ?? o.scope.audience),
        phases: o.scope.phases.map((ph) => ({
          ...ph,
          title: t.pack.phases?.[ph.id]?.title ?? ph.title,
          summary: t.pack.phases?.[ph.id]?.summary ?? ph.summary,
        })),
      },
      objectives: o.objectives.map((x) => objective(x, x.id)),
      coreCapabilities: [...new Set(o.coreCapabilities.map(capability))],
      injects: o.injects.map((i) => {
        const l = local(i.id);
        return l
          ? {
              ...i,
              subject: l.subject,
              options: i.options.map((op) => ({
                ...op,
                label: l.responseOptions.find((r) => r.id === op.id)?.label ?? op.label,
              })),
            }
          : i;
      }),
      // a team the instructor renamed keeps its name
      teams: o.teams.map((team) => {
        const tt = t.pack.teams?.[team.key];
        const renamed = team.name !== sourceTeams.get(team.key)?.name;
        return {
          ...team,
          name: renamed ? team.name : (tt?.name ?? team.name),
          description: tt?.description ?? team.description,
        };
      }),
    },
    objectives: report.objectives.map((x) => objective(x, x.objectiveId)),
    // the scoring keys as the translation words each expected action (staff edition only), a distractor's why too
    scores: {
      ...report.scores,
      teams: report.scores.teams.map((s) => ({ ...s, items: scoreItemsIn(s.items, pack, language) })),
      expectedActions: report.scores.expectedActions.map((a) => ({
        ...a,
        text: t.injects[a.injectId]?.expectedActions?.[a.id] ?? a.text,
      })),
    },
    decisions: report.decisions.map((d) => {
      const dl = local(d.injectId)?.decision;
      if (!dl) return d;
      const label = (id: string | null, fallback: string | null) =>
        id === null ? fallback : (dl.options.find((op) => op.id === id)?.label ?? fallback);
      return {
        ...d,
        question: dl.question,
        options: d.options.map((op) => ({ ...op, label: label(op.id, op.label) ?? op.label })),
        outcomeLabel: label(d.outcome, d.outcomeLabel),
        votes: d.votes.map((v) => ({ ...v, choiceLabel: label(v.choice, v.choiceLabel) ?? v.choiceLabel })),
      };
    }),
  };
}

/**
 * The language a report is asked for, checked against what this exercise can be read in: the
 * report's own languages (its frame) and the pack's (its content). None asked: the pack's source.
 */
export function reportLanguageFor(pack: ScenarioPack, requested: string | undefined): string {
  if (requested === undefined) return sourceLanguage(pack);
  const known = new Set<string>([...REPORT_LANGUAGES, ...packLanguages(pack)]);
  if (!known.has(requested))
    throw badInput(
      'report.unknown-language',
      `language: "${requested}" is not a language this report can be produced in (${[...known].join(', ')})`,
    );
  return requested;
}

/** A report for readers of `language`: the scenario's words from the pack's translation, the survey questions in the frame's words. */
export function reportInLanguage(report: AfterActionReport, pack: ScenarioPack, language: string): AfterActionReport {
  const content = localiseReport(report, pack, language);
  const t = reportMessages(language);
  if (!content.hotwash || Object.keys(t.hotwashQuestions).length === 0) return content;
  return {
    ...content,
    hotwash: {
      ...content.hotwash,
      questions: content.hotwash.questions.map((q) => ({ ...q, text: t.hotwashQuestions[q.id] ?? q.text })),
    },
  };
}
