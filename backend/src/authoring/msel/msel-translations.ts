import { parse as parseYaml, stringify } from 'yaml';
import {
  type InjectTranslation,
  LANGUAGE_PATTERN,
  type PackPartTranslation,
  type PackTranslation,
  type ScenarioPack,
} from '../../scenarios/pack/pack-schema.js';
import { sourceLanguage } from '../../scenarios/pack/pack-translations.js';
import { cellText } from './msel-columns.js';
import type { CellValue } from './msel-time.js';
import type { SheetGrid } from './sheet-grid.js';
import { type ImportNote, importNote } from '../import-note.js';

/*
 * Translations in an MSEL. The MSEL sheet gains a Language column when the pack has translations:
 * each inject's row carries the source language, and after it one row per language that translates
 * the inject, with the same Inject ID and only the text columns filled (From, Subject, Message,
 * Expected Player Action and Response Options as `id: text` lines, Decision as
 * `{ question, options: { id: label } }`). The workbook's Translations sheet carries the rest
 * (title, summary, audience, teams, objectives and their core capabilities, phases) as
 * Language / Field / Text rows; a CSV file has no such sheet. Nothing else can be translated, so
 * a translation row never changes ids, recipients, channels or timing.
 */

export const LANGUAGE_HEADER = 'Language';
export const TRANSLATIONS_SHEET = 'Translations';
export const TRANSLATIONS_HEADERS = ['Language', 'Field', 'Text'] as const;

const lines = (entries: [string, string][]) => entries.map(([id, text]) => `${id}: ${text}`).join('\n');

/** The languages the pack is translated into, in order. */
export function translatedLanguages(pack: ScenarioPack): string[] {
  const source = sourceLanguage(pack);
  return Object.keys(pack.translations ?? {})
    .filter((l) => l !== source)
    .sort();
}

/**
 * The translation rows of one inject (one per language that translates any of its MSEL text), as
 * cells for the columns `column` names; the caller puts the language in the Language column.
 */
export function injectTranslationRows(
  pack: ScenarioPack,
  injectId: string,
  width: number,
  column: Record<'id' | 'from' | 'subject' | 'message' | 'expectedAction' | 'responseOptions' | 'decision', number>,
): { language: string; cells: string[] }[] {
  const out: { language: string; cells: string[] }[] = [];
  for (const language of translatedLanguages(pack)) {
    const t = pack.translations?.[language]?.injects[injectId];
    if (!t) continue;
    const cells = Array.from({ length: width }, () => '');
    cells[column.id] = injectId;
    if (t.from?.name) cells[column.from] = t.from.name;
    if (t.subject) cells[column.subject] = t.subject;
    if (t.body) cells[column.message] = t.body;
    cells[column.expectedAction] = lines(Object.entries(t.expectedActions ?? {}));
    cells[column.responseOptions] = lines(Object.entries(t.responseOptions ?? {}));
    if (t.decision)
      cells[column.decision] = stringify(
        { ...(t.decision.question ? { question: t.decision.question } : {}), options: t.decision.options ?? {} },
        { collectionStyle: 'flow', lineWidth: 0 },
      ).trim();
    if (cells.some((c, i) => i !== column.id && c !== '')) out.push({ language, cells });
  }
  return out;
}

/** The Translations sheet's rows: every translated text of the pack part, as Language / Field / Text. */
export function packPartTranslationRows(pack: ScenarioPack): string[][] {
  const rows: string[][] = [];
  for (const language of translatedLanguages(pack)) {
    const p = pack.translations?.[language]?.pack ?? {};
    const add = (field: string, text: string | undefined) => {
      if (text !== undefined) rows.push([language, field, text]);
    };
    add('title', p.title);
    add('summary', p.summary);
    add('audience', p.audience);
    for (const [id, t] of Object.entries(p.teams ?? {})) {
      add(`teams.${id}.name`, t.name);
      add(`teams.${id}.description`, t.description);
    }
    for (const [id, o] of Object.entries(p.objectives ?? {})) {
      add(`objectives.${id}.text`, o.text);
      add(`objectives.${id}.coreCapability`, o.coreCapability);
    }
    for (const [id, ph] of Object.entries(p.phases ?? {})) {
      add(`phases.${id}.title`, ph.title);
      add(`phases.${id}.summary`, ph.summary);
    }
  }
  return rows;
}

/** What the import makes of an MSEL's translation rows. */
export interface MselTranslations {
  /** the grid without its translation rows, the Language column emptied */
  grid: SheetGrid;
  translations: Record<string, PackTranslation>;
  notes: ImportNote[];
  /** sheet row numbers of the translation rows, per language */
  rows: Record<string, number[]>;
  /** the source language the sheet names (Scenario sheet, else the first row with a language) */
  source: string | undefined;
}

/**
 * Take the translation rows out of an MSEL sheet (rows whose Language cell names a language other
 * than the source's) and read them, with the workbook's Translations sheet, into the pack's
 * translations. The source language is the Scenario sheet's, else the first row's that names one.
 */
export function readMselTranslations(
  grid: SheetGrid,
  grids: SheetGrid[],
  layout: { headerRow: number | undefined; headerCells: string[]; mapping: Partial<Record<string, number>> },
  declaredSource: string | undefined,
): MselTranslations {
  const notes: ImportNote[] = [];
  const translations: Record<string, PackTranslation> = {};
  const rows: Record<string, number[]> = {};
  const target = (language: string) => (translations[language] ??= { pack: {}, injects: {} });
  const dataStart = layout.headerRow === undefined ? 0 : layout.headerRow + 1;
  const named = layout.headerCells.findIndex((h) => /^(language|lang|locale)$/i.test(h.trim()));
  const languageOf = (r: CellValue[] | undefined) => (named < 0 || !r ? '' : cellText(r[named] ?? null).trim());
  const firstNamed = languageOf(grid.rows.slice(dataStart).find((r) => languageOf(r) !== '')) || undefined;
  const source = declaredSource ?? firstNamed;
  // a Language column of other words (English, French…) is no language column: a note column, as before
  const langCol = named >= 0 && source !== undefined && LANGUAGE_PATTERN.test(source) ? named : -1;
  const keptRows: CellValue[][] = [];
  const keptNumbers: number[] = [];
  grid.rows.forEach((r, i) => {
    const language = langCol < 0 || i < dataStart ? '' : languageOf(r);
    const rowNo = grid.rowNumbers[i] ?? i + 1;
    if (!language || language === source || !LANGUAGE_PATTERN.test(language)) {
      if (language && language !== source)
        notes.push(
          importNote(
            'msel.translation-language-invalid',
            { row: rowNo, language },
            `Row ${rowNo}: "${language}" in the Language column is not a language tag like ko or pt-BR; the row was read in the source language`,
          ),
        );
      keptRows.push(langCol < 0 || i < dataStart ? r : r.map((c, k) => (k === langCol ? null : c)));
      keptNumbers.push(rowNo);
      return;
    }
    (rows[language] ??= []).push(rowNo);
    const cell = (field: string) => {
      const c = layout.mapping[field];
      return c === undefined ? '' : cellText(r[c] ?? null).trim();
    };
    const id = cell('id');
    if (!id) {
      notes.push(
        importNote(
          'msel.translation-no-id',
          { row: rowNo, language },
          `Row ${rowNo}: a translation (${language}) names no Inject ID, so it translates nothing; the row was not imported`,
        ),
      );
      return;
    }
    const t: InjectTranslation = {};
    const from = cell('from').replace(/\s*<[^>]*>\s*$/, '');
    if (from) t.from = { name: from };
    if (cell('subject')) t.subject = cell('subject');
    if (cell('message')) t.body = cell('message');
    const actions = idLines(cell('expectedAction'));
    if (Object.keys(actions).length) t.expectedActions = actions;
    const options = idLines(cell('responseOptions'));
    if (Object.keys(options).length) t.responseOptions = options;
    const decision = cell('decision');
    if (decision) {
      try {
        const d = parseYaml(decision) as { question?: unknown; options?: unknown };
        t.decision = {
          ...(typeof d.question === 'string' ? { question: d.question } : {}),
          ...(d.options && typeof d.options === 'object'
            ? { options: Object.fromEntries(Object.entries(d.options).map(([k, v]) => [k, String(v)])) }
            : {}),
        };
      } catch {
        notes.push(
          importNote(
            'msel.translation-decision-unreadable',
            { row: rowNo, language },
            `Row ${rowNo}: the Decision cell of the ${language} translation is not { question, options } text; it was left out`,
          ),
        );
      }
    }
    const into = target(language).injects;
    if (into[id])
      notes.push(
        importNote(
          'msel.translation-duplicate',
          { row: rowNo, language, inject: id },
          `Row ${rowNo}: inject "${id}" already has a ${language} translation above; this row was not imported`,
        ),
      );
    else into[id] = t;
  });

  const sheet = grids.find((g) => g.name === TRANSLATIONS_SHEET);
  if (sheet && cellText(sheet.rows[0]?.[0] ?? null) === TRANSLATIONS_HEADERS[0]) {
    sheet.rows.slice(1).forEach((r, i) => {
      const [language, field, text] = [0, 1, 2].map((k) => cellText(r[k] ?? null).trim());
      if (!language || !field || !text) return;
      const rowNo = sheet.rowNumbers[i + 1] ?? i + 2;
      if (!LANGUAGE_PATTERN.test(language) || !setPackField(target(language).pack, field, text))
        notes.push(
          importNote(
            'msel.translation-sheet-row-invalid',
            { sheet: TRANSLATIONS_SHEET, row: rowNo, language, field },
            `Sheet "${TRANSLATIONS_SHEET}", row ${rowNo}: "${language}" / "${field}" is not a language and a translatable field (title, summary, audience, teams.<id>.name|description, objectives.<id>.text|coreCapability, phases.<id>.title|summary); not imported`,
          ),
        );
    });
  }
  const languages = Object.keys(translations).sort();
  if (languages.length) {
    const read = languages
      .map(
        (l) =>
          `${l} (${Object.keys(translations[l]?.injects ?? {}).length} injects${rows[l]?.length ? `, rows ${rows[l].join(', ')}` : ''})`,
      )
      .join('; ');
    const sourceTag = (langCol < 0 ? declaredSource : source) ?? 'en';
    notes.push(
      importNote(
        'msel.translations-read',
        {
          languages: languages.join(', '),
          count: languages.reduce((n, l) => n + Object.keys(translations[l]?.injects ?? {}).length, 0),
          source: sourceTag,
        },
        `Translations read: ${read}; the source language is ${sourceTag}`,
      ),
    );
  }
  return {
    grid: { ...grid, rows: keptRows, rowNumbers: keptNumbers },
    translations,
    notes,
    rows,
    source: langCol < 0 ? declaredSource : source,
  };
}

/** `id: text` lines (a line without `id:` continues the text above). */
function idLines(cell: string): Record<string, string> {
  const out: Record<string, string> = {};
  let last: string | undefined;
  for (const line of cell.split(/\r?\n/)) {
    const m = /^([a-z0-9][a-z0-9-_.]*):\s?(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) {
      last = m[1];
      out[last] = m[2];
    } else if (last !== undefined) out[last] += `\n${line}`;
  }
  return out;
}

function setPackField(p: PackPartTranslation, field: string, text: string): boolean {
  if (field === 'title' || field === 'summary' || field === 'audience') {
    p[field] = text;
    return true;
  }
  const m = /^(teams|objectives|phases)\.([a-z0-9][a-z0-9-_.]*)\.(\w+)$/.exec(field);
  if (!m) return false;
  const [, part, id, key] = m as unknown as [string, 'teams' | 'objectives' | 'phases', string, string];
  const allowed = {
    teams: ['name', 'description'],
    objectives: ['text', 'coreCapability'],
    phases: ['title', 'summary'],
  };
  if (!allowed[part].includes(key)) return false;
  const map = (p[part] ??= {}) as Record<string, Record<string, string>>;
  (map[id] ??= {})[key] = text;
  return true;
}
