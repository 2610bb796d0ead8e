import type { PackError, PackErrorParams, ParsedFile } from './pack-file.js';
import type { Inject, InjectTranslation, PackTranslation, ScenarioPack } from './pack-schema.js';

/** One parsed file of `translations/<language>/`. */
export interface TranslationSource {
  language: string;
  file: ParsedFile;
  content: { pack?: PackTranslation['pack'] | undefined; injects: Record<string, InjectTranslation> };
}

/**
 * Checks every translation against its source (ids it names must exist there, an inject appears
 * in one file only per language) and merges each language's files into one translation.
 */
export function checkPackTranslations(
  pack: ScenarioPack,
  sources: TranslationSource[],
  errors: PackError[],
): Record<string, PackTranslation> {
  const merged: Record<string, PackTranslation> = {};
  const injects = new Map(pack.injects.map((i) => [i.id, i]));
  const seen = new Map<string, string>();
  for (const { language, file, content } of sources) {
    if (language === sourceLanguage(pack)) {
      errors.push(
        file.error(
          [],
          `"${language}" is the pack's source language (language: ${sourceLanguage(pack)}); translations/${language}/ would translate the pack into itself`,
          'translation.sourceLanguage',
          { language },
        ),
      );
      continue;
    }
    const target = (merged[language] ??= { pack: {}, injects: {} });
    const err = (path: (string | number)[], message: string, code: string, params?: PackErrorParams) =>
      errors.push(file.error(path, message, code, params));

    if (content.pack) {
      const p = content.pack;
      const teamIds = new Set(pack.teams.map((t) => t.id));
      const objectiveIds = new Set(pack.objectives.map((o) => o.id));
      const phases = new Map(pack.phases.map((ph) => [ph.id, ph]));
      for (const id of Object.keys(p.teams ?? {}))
        if (!teamIds.has(id))
          err(['pack', 'teams', id], `unknown team "${id}" (teams: ${[...teamIds].join(', ')})`, 'unknown.teamOf', {
            id,
            known: [...teamIds].join(', '),
          });
      for (const id of Object.keys(p.objectives ?? {}))
        if (!objectiveIds.has(id))
          err(['pack', 'objectives', id], `unknown objective "${id}"`, 'unknown.objective', { id });
      if (p.audience !== undefined && pack.audience === undefined)
        err(['pack', 'audience'], 'the source names no audience to translate', 'translation.noAudience');
      // a core capability is one name shared by objectives: it reads the same in each of them
      const capability = new Map<string, { text: string; objective: string }>();
      for (const o of pack.objectives) {
        const translated = p.objectives?.[o.id]?.coreCapability;
        if (translated === undefined) continue;
        const first = capability.get(o.coreCapability);
        if (first && first.text !== translated)
          err(
            ['pack', 'objectives', o.id, 'coreCapability'],
            `objectives "${first.objective}" and "${o.id}" share the core capability "${o.coreCapability}" but translate it differently ("${first.text}", "${translated}")`,
            'translation.capabilityDiffers',
            { first: first.objective, id: o.id, capability: o.coreCapability, a: first.text, b: translated },
          );
        else if (!first) capability.set(o.coreCapability, { text: translated, objective: o.id });
      }
      for (const [id, ph] of Object.entries(p.phases ?? {})) {
        const src = phases.get(id);
        if (!src) err(['pack', 'phases', id], `unknown phase "${id}"`, 'unknown.phase', { id });
        else if (ph.summary !== undefined && src.summary === undefined)
          err(
            ['pack', 'phases', id, 'summary'],
            `phase "${id}" has no summary in the source to translate`,
            'translation.noPhaseSummary',
            {
              id,
            },
          );
      }
      for (const [id, t] of Object.entries(p.teams ?? {})) {
        if (t.description !== undefined && !pack.teams.find((s) => s.id === id)?.description)
          err(
            ['pack', 'teams', id, 'description'],
            `team "${id}" has no description in the source to translate`,
            'translation.noTeamDescription',
            {
              id,
            },
          );
      }
      const key = `${language}\0pack`;
      if (seen.has(key))
        err(
          ['pack'],
          `the pack part of "${language}" is already translated in ${seen.get(key)}`,
          'translation.packPartTwice',
          {
            language,
            file: seen.get(key) ?? '',
          },
        );
      else {
        seen.set(key, file.displayPath);
        target.pack = p;
      }
    }

    for (const [id, t] of Object.entries(content.injects)) {
      const src = injects.get(id);
      if (!src) {
        err(
          ['injects', id],
          `unknown inject "${id}": a translation names an inject of the source by its id`,
          'translation.unknownInject',
          {
            id,
          },
        );
        continue;
      }
      const key = `${language}\0${id}`;
      if (seen.has(key)) {
        err(
          ['injects', id],
          `inject "${id}" is already translated into "${language}" in ${seen.get(key)}`,
          'translation.injectTwice',
          {
            id,
            language,
            file: seen.get(key) ?? '',
          },
        );
        continue;
      }
      seen.set(key, file.displayPath);
      const before = errors.length;
      checkInjectTranslation(src, t, (path, message, code, params) =>
        err(['injects', id, ...path], message, code, params),
      );
      if (errors.length === before) target.injects[id] = t;
    }
  }
  return merged;
}

function checkInjectTranslation(
  src: Inject,
  t: InjectTranslation,
  err: (path: (string | number)[], message: string, code: string, params?: PackErrorParams) => void,
): void {
  if (t.from?.organisation !== undefined && src.from.organisation === undefined)
    err(['from', 'organisation'], 'the source sender has no organisation to translate', 'translation.noOrganisation');
  const optionIds = new Set(src.responseOptions.map((o) => o.id));
  for (const id of Object.keys(t.responseOptions ?? {})) {
    if (!optionIds.has(id))
      err(
        ['responseOptions', id],
        `unknown response option "${id}" (options: ${[...optionIds].join(', ') || 'none'})`,
        'unknown.responseOptionOf',
        {
          id,
          known: [...optionIds].join(', ') || '—',
        },
      );
  }
  // a distractor's why translates only an option the source marks as a distractor (it has a why)
  for (const id of Object.keys(t.distractors ?? {})) {
    const option = src.responseOptions.find((o) => o.id === id);
    if (!option)
      err(
        ['distractors', id],
        `unknown response option "${id}" (options: ${[...optionIds].join(', ') || 'none'})`,
        'unknown.responseOptionOf',
        { id, known: [...optionIds].join(', ') || '—' },
      );
    else if (!option.distractor)
      err(
        ['distractors', id],
        `response option "${id}" is not a distractor in the source: it has no why to translate`,
        'translation.noDistractor',
        { id },
      );
  }
  const actionIds = new Set(src.expectedActions.map((a) => a.id));
  for (const id of Object.keys(t.expectedActions ?? {})) {
    if (!actionIds.has(id))
      err(
        ['expectedActions', id],
        `unknown expected action "${id}" (actions: ${[...actionIds].join(', ') || 'none'})`,
        'unknown.expectedActionOf',
        {
          id,
          known: [...actionIds].join(', ') || '—',
        },
      );
  }
  if (t.decision) {
    if (!src.decision) err(['decision'], 'the source inject has no decision to translate', 'translation.noDecision');
    else {
      const decisionOptions = new Set(src.decision.options.map((o) => o.id));
      for (const id of Object.keys(t.decision.options ?? {})) {
        if (!decisionOptions.has(id))
          err(
            ['decision', 'options', id],
            `unknown decision option "${id}" (options: ${[...decisionOptions].join(', ')})`,
            'unknown.decisionOptionOf',
            { id, known: [...decisionOptions].join(', ') },
          );
      }
    }
  }
  for (const [pos, a] of Object.entries(t.artifacts ?? {})) {
    const art = src.artifacts[Number(pos)];
    if (!art) {
      err(
        ['artifacts', pos],
        `the source inject has ${src.artifacts.length} artifact(s); there is no artifact ${pos}`,
        'translation.noArtifact',
        {
          count: src.artifacts.length,
          position: pos,
        },
      );
      continue;
    }
    if (a.alt !== undefined && art.kind !== 'image')
      err(
        ['artifacts', pos, 'alt'],
        `artifact ${pos} is a ${art.kind}, not an image: it has no alt text`,
        'translation.notImage',
        {
          position: pos,
          kind: art.kind,
        },
      );
    if (a.notes !== undefined) {
      if (art.kind !== 'ioc-table')
        err(
          ['artifacts', pos, 'notes'],
          `artifact ${pos} is a ${art.kind}, not an IOC table: it has no row notes`,
          'translation.notIocTable',
          {
            position: pos,
            kind: art.kind,
          },
        );
      else {
        for (const row of Object.keys(a.notes)) {
          if (art.rows[Number(row)]?.note === undefined)
            err(
              ['artifacts', pos, 'notes', row],
              `row ${row} of artifact ${pos} has no note in the source to translate`,
              'translation.noRowNote',
              { row, position: pos },
            );
        }
      }
    }
  }
}

/** The languages an exercise offers its players: the source first, then its translations. */
export function packLanguages(pack: Pick<ScenarioPack, 'language' | 'translations'>): string[] {
  const source = sourceLanguage(pack);
  return [
    source,
    ...Object.keys(pack.translations ?? {})
      .filter((l) => l !== source)
      .sort(),
  ];
}

/** Snapshots taken before packs named their language were written in English. */
export const sourceLanguage = (pack: Pick<ScenarioPack, 'language'>): string => pack.language ?? 'en';

/**
 * What language a player's copy of an inject is in: `language` is the one asked for when any of
 * its text is translated, else the source; `untranslated` names the fields shown in the source
 * language because the translation lacks them (empty when the player reads the source).
 */
export interface ContentLanguage {
  language: string;
  untranslated: string[];
}

/**
 * The inject in `language`, field by field: each text the translation has replaces the source's,
 * each it lacks stays in the source language and is named in `untranslated`. Only the fields a
 * player sees are listed (expected actions are staff-only and are translated for staff views; a
 * distractor's why is translated for the score breakdown, read once scored).
 */
export function localiseInject(
  inject: Inject,
  pack: Pick<ScenarioPack, 'language' | 'translations'>,
  language: string,
): { inject: Inject; content: ContentLanguage } {
  const source = sourceLanguage(pack);
  if (language === source) return { inject, content: { language: source, untranslated: [] } };
  const t = pack.translations?.[language]?.injects[inject.id];
  const untranslated: string[] = [];
  const pick = (field: string, translated: string | undefined, original: string): string => {
    if (translated !== undefined) return translated;
    untranslated.push(field);
    return original;
  };
  const from = {
    ...inject.from,
    name: pick('from.name', t?.from?.name, inject.from.name),
    ...(inject.from.organisation !== undefined
      ? { organisation: pick('from.organisation', t?.from?.organisation, inject.from.organisation) }
      : {}),
  };
  const out: Inject = {
    ...inject,
    from,
    subject: pick('subject', t?.subject, inject.subject),
    body: pick('body', t?.body, inject.body),
    responseOptions: inject.responseOptions.map((o) => ({
      ...o,
      label: pick(`responseOptions.${o.id}`, t?.responseOptions?.[o.id], o.label),
      // read only once scored (a player never sees which option is a distractor): not counted as a fallback
      ...(o.distractor
        ? { distractor: { ...o.distractor, why: t?.distractors?.[o.id]?.why ?? o.distractor.why } }
        : {}),
    })),
    // staff-only text: translated when present, never counted as a fallback the player sees
    expectedActions: inject.expectedActions.map((a) => ({ ...a, text: t?.expectedActions?.[a.id] ?? a.text })),
    artifacts: inject.artifacts.map((a, i) => {
      const at = t?.artifacts?.[String(i)];
      const title = a.title === undefined ? {} : { title: pick(`artifacts.${i}.title`, at?.title, a.title) };
      if (a.kind === 'image') return { ...a, ...title, alt: pick(`artifacts.${i}.alt`, at?.alt, a.alt) };
      if (a.kind === 'ioc-table')
        return {
          ...a,
          ...title,
          rows: a.rows.map((r, k) =>
            r.note === undefined
              ? r
              : { ...r, note: pick(`artifacts.${i}.notes.${k}`, at?.notes?.[String(k)], r.note) },
          ),
        };
      return { ...a, ...title };
    }),
  };
  if (inject.decision) {
    const d = inject.decision;
    out.decision = {
      ...d,
      question: pick('decision.question', t?.decision?.question, d.question),
      options: d.options.map((o) => ({
        ...o,
        label: pick(`decision.options.${o.id}`, t?.decision?.options?.[o.id], o.label),
      })),
    };
  }
  const total = countTextFields(inject);
  return { inject: out, content: { language: untranslated.length === total ? source : language, untranslated } };
}

function countTextFields(inject: Inject): number {
  let n = 3 + (inject.from.organisation !== undefined ? 1 : 0) + inject.responseOptions.length;
  for (const a of inject.artifacts) {
    if (a.title !== undefined) n++;
    if (a.kind === 'image') n++;
    if (a.kind === 'ioc-table') n += a.rows.filter((r) => r.note !== undefined).length;
  }
  if (inject.decision) n += 1 + inject.decision.options.length;
  return n;
}

/** A team's name and description in `language` (falling back to the source, field by field). */
export function localiseTeam(
  pack: Pick<ScenarioPack, 'language' | 'translations' | 'teams'>,
  teamKey: string,
  language: string,
): { name: string | null; description: string | null } {
  const src = pack.teams.find((t) => t.id === teamKey);
  const t = pack.translations?.[language]?.pack.teams?.[teamKey];
  return { name: t?.name ?? src?.name ?? null, description: t?.description ?? src?.description ?? null };
}

/** The pack title in `language` (or the source's). */
export function localiseTitle(
  pack: Pick<ScenarioPack, 'language' | 'translations' | 'title'>,
  language: string,
): string {
  return pack.translations?.[language]?.pack.title ?? pack.title;
}

/**
 * For staff: every translation of an inject's text beside the source, by language (only the
 * languages that translate this inject). Nothing here ever goes to a player.
 */
export function injectTranslations(
  pack: Pick<ScenarioPack, 'translations'>,
  injectId: string,
): Record<string, InjectTranslation> {
  const out: Record<string, InjectTranslation> = {};
  for (const [language, t] of Object.entries(pack.translations ?? {})) {
    const it = t.injects[injectId];
    if (it) out[language] = it;
  }
  return out;
}
