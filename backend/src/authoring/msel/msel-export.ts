import ExcelJS from 'exceljs';
import { stringify } from 'yaml';
import { type Inject, parseOffsetMs, type ScenarioPack } from '../../scenarios/pack/pack-schema.js';
import { sourceLanguage } from '../../scenarios/pack/pack-translations.js';
import {
  injectTranslationRows,
  LANGUAGE_HEADER,
  packPartTranslationRows,
  translatedLanguages,
  TRANSLATIONS_HEADERS,
  TRANSLATIONS_SHEET,
} from './msel-translations.js';

export const MSEL_HEADERS = [
  '#',
  'Inject ID',
  'Scenario Time',
  'Inject Mode',
  'From',
  'To',
  'Subject',
  'Message',
  'Expected Player Action',
  'Objective',
  'Core Capability',
  'Responsible Controller',
  'Notes',
  'Response Options',
  'TLP',
  'Respond Within',
  'Trigger',
  'Decision',
] as const;

/** Pack fields an MSEL row has no column for; the export says so instead of dropping them silently. */
export const NOT_IN_MSEL = [
  'artifacts',
  'tags (ATT&CK/DISARM)',
  'meta other than controller',
  'from.organisation',
  'scoring',
  'distractors (a response option’s why, penalty and cap) and their translations',
  'phase summaries',
  'objective ids of the pack that no inject names',
  'translations of artifacts and sender organisations (CSV: of the title, teams, objectives and phases too)',
];

function sectionRowsAndInjects(pack: ScenarioPack): ({ phase: ScenarioPack['phases'][number] } | { inject: Inject })[] {
  const timed = pack.injects
    .filter((i) => i.offset !== undefined)
    .sort((a, b) => parseOffsetMs(a.offset ?? 'T+0:00') - parseOffsetMs(b.offset ?? 'T+0:00'));
  const triggered = pack.injects.filter((i) => i.offset === undefined);
  const phases = [...pack.phases].sort((a, b) => parseOffsetMs(a.start) - parseOffsetMs(b.start));
  const out: ({ phase: ScenarioPack['phases'][number] } | { inject: Inject })[] = [];
  let p = 0;
  for (const inj of timed) {
    while (p < phases.length && parseOffsetMs(phases[p]?.start ?? 'T+0:00') <= parseOffsetMs(inj.offset ?? 'T+0:00'))
      out.push({ phase: phases[p++] as ScenarioPack['phases'][number] });
    out.push({ inject: inj });
  }
  while (p < phases.length) out.push({ phase: phases[p++] as ScenarioPack['phases'][number] });
  for (const inj of triggered) out.push({ inject: inj });
  return out;
}

/** The MSEL's header row: the HSEEP columns, and a Language column when the pack is translated. */
export function mselHeaders(pack: ScenarioPack): string[] {
  return hasLanguageColumn(pack) ? [...MSEL_HEADERS, LANGUAGE_HEADER] : [...MSEL_HEADERS];
}

/** a translated pack, or one not written in English, says the language of each row */
const hasLanguageColumn = (pack: ScenarioPack) => translatedLanguages(pack).length > 0 || sourceLanguage(pack) !== 'en';

const column = (h: (typeof MSEL_HEADERS)[number]) => MSEL_HEADERS.indexOf(h);
const TRANSLATED_COLUMNS = {
  id: column('Inject ID'),
  from: column('From'),
  subject: column('Subject'),
  message: column('Message'),
  expectedAction: column('Expected Player Action'),
  responseOptions: column('Response Options'),
  decision: column('Decision'),
};

/**
 * The MSEL rows of a pack as text cells, in HSEEP column order. A translated pack has a Language
 * column: the source language on each row, and after each inject one row per language that
 * translates it (see msel-translations.ts).
 */
export function mselRows(pack: ScenarioPack): string[][] {
  const withLanguage = hasLanguageColumn(pack);
  const source = sourceLanguage(pack);
  const out: string[][] = [];
  for (const row of sourceRows(pack)) {
    if (!withLanguage) {
      out.push(row.cells);
      continue;
    }
    out.push([...row.cells, source]);
    if (row.injectId === undefined) continue;
    for (const t of injectTranslationRows(pack, row.injectId, MSEL_HEADERS.length, TRANSLATED_COLUMNS))
      out.push([...t.cells, t.language]);
  }
  return out;
}

function sourceRows(pack: ScenarioPack): { cells: string[]; injectId?: string }[] {
  const teamName = new Map(pack.teams.map((t) => [t.id, t.name]));
  const objective = new Map(pack.objectives.map((o) => [o.id, o]));
  let n = 0;
  return sectionRowsAndInjects(pack).map((entry) => {
    if ('phase' in entry) {
      const row: string[] = MSEL_HEADERS.map(() => '');
      row[0] = `Phase: ${entry.phase.title}`;
      row[1] = entry.phase.id;
      row[2] = entry.phase.start;
      return { cells: row };
    }
    const i = entry.inject;
    n += 1;
    const cells = [
      String(n),
      i.id,
      i.offset ?? '',
      i.channel,
      i.from.address && i.from.address !== i.from.name ? `${i.from.name} <${i.from.address}>` : i.from.name,
      i.to === 'all' ? 'All' : i.to.map((t) => teamName.get(t) ?? t).join('; '),
      i.subject,
      i.body,
      i.expectedActions
        .map((a) => `${a.id}: ${a.text} (${a.points} pts)${a.options.length ? ` [${a.options.join(', ')}]` : ''}`)
        .join('\n'),
      i.objectives.map((o) => `${o}: ${objective.get(o)?.text ?? ''}`).join('\n'),
      i.objectives.map((o) => objective.get(o)?.coreCapability ?? '').join('\n'),
      typeof i.meta.controller === 'string' ? i.meta.controller : '',
      i.facilitatorNotes ?? '',
      i.responseOptions.map((o) => `${o.id}: ${o.label}`).join('\n'),
      i.tlp ?? '',
      i.respondWithin ?? '',
      i.trigger ? stringify(i.trigger, { collectionStyle: 'flow' }).trim() : '',
      i.decision ? stringify(i.decision, { collectionStyle: 'flow', lineWidth: 0 }).trim() : '',
    ];
    return { cells, injectId: i.id };
  });
}

/**
 * One CSV field. A cell that starts with = + - @, a tab or a carriage return would run as a
 * formula in Excel or LibreOffice (=HYPERLINK(…), @SUM(…), +cmd, -2+3+cmd|…): it gets a leading
 * `'`, as the report CSVs do. The MSEL import removes that `'` again, so a round trip is exact.
 */
export function csvField(value: string): string {
  const s = /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function mselCsv(pack: ScenarioPack): string {
  const esc = csvField;
  return [mselHeaders(pack), ...mselRows(pack)].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n';
}

/** An HSEEP-style MSEL workbook: the event list, then the teams and scenario details it refers to. */
export async function mselXlsx(pack: ScenarioPack): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cyber TTX';
  const ws = wb.addWorksheet('MSEL', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(mselHeaders(pack));
  ws.getRow(1).font = { bold: true };
  for (const r of mselRows(pack)) {
    const row = ws.addRow(r);
    if (r[0]?.startsWith('Phase: ')) row.font = { bold: true, italic: true };
  }
  const widths = [5, 18, 12, 10, 26, 24, 40, 60, 40, 40, 24, 18, 40, 30, 12, 12, 30, 40];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(8).alignment = { wrapText: true, vertical: 'top' };

  const teams = wb.addWorksheet('Teams');
  teams.addRow(['Team ID', 'Name', 'Description']);
  for (const t of pack.teams) teams.addRow([t.id, t.name, t.description ?? '']);
  const scenario = wb.addWorksheet('Scenario');
  const meta: [string, string][] = [
    ['id', pack.id],
    ['title', pack.title],
    ['summary', pack.summary],
    ['version', pack.version],
    ['duration', pack.duration],
    ['audience', pack.audience ?? ''],
    ['tags', pack.tags.join(', ')],
    ['classification', pack.classification],
    ['threatActors', pack.threatActors.join(', ')],
    ['language', sourceLanguage(pack)],
    ['not in the MSEL sheet', NOT_IN_MSEL.join('; ')],
  ];
  for (const m of meta) scenario.addRow(m);
  const partRows = packPartTranslationRows(pack);
  if (partRows.length) {
    const translations = wb.addWorksheet(TRANSLATIONS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    translations.addRow([...TRANSLATIONS_HEADERS]);
    translations.getRow(1).font = { bold: true };
    for (const r of partRows) translations.addRow(r);
    [10, 36, 80].forEach((w, i) => (translations.getColumn(i + 1).width = w));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
