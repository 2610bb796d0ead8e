import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { IMPORT_NOTE_CODES, type ImportNote } from '../../backend/src/authoring/import-note.js';
import { attachPackErrors, mselToPack } from '../../backend/src/authoring/msel/msel-import.js';
import { loadPackFiles, packToYaml } from '../../backend/src/authoring/packs/pack-files.js';
import type { CellValue } from '../../backend/src/authoring/msel/msel-time.js';
import { importNoteText } from '../../frontend/src/features/author/lib/import-note-text.js';
import { REPO_ROOT } from '../support/app-process.js';

/**
 * The importers' notes carry a code and values; the editor words them from its message files in the
 * staff member's language, the English sentence staying for the command line and API users.
 */
const LOCALES = join(REPO_ROOT, 'frontend', 'src', 'i18n', 'locales');
const messages = (lng: string, ns: string) =>
  JSON.parse(readFileSync(join(LOCALES, lng, `${ns}.json`), 'utf8')) as object;

async function wording(lng: 'en' | 'ko') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    ns: ['author', 'common'],
    defaultNS: 'author',
    resources: { [lng]: { author: messages(lng, 'author'), common: messages(lng, 'common') } },
    interpolation: { escapeValue: false },
  });
  const t = i18n.getFixedT(lng, ['author', 'common']) as unknown as Parameters<typeof importNoteText>[0];
  return (note: ImportNote) => importNoteText(t, note);
}

const HANGUL = /[\uac00-\ud7a3]/;
const grid = (rows: CellValue[][]) => ({ name: 'MSEL', rows, rowNumbers: rows.map((_, i) => i + 1) });

describe('import notes in the editor', () => {
  it('every code the importers send has its own message in English and Korean, with no value left unfilled', async () => {
    for (const lng of ['en', 'ko'] as const) {
      const say = await wording(lng);
      for (const code of IMPORT_NOTE_CODES) {
        const params = {
          column: 'C',
          header: 'Time',
          field: 'time',
          column2: 'D',
          header2: '',
          field2: 'message',
          count: 2,
          durationMs: 3_600_000,
          missing: 'subject',
          channel: 'email',
          ...Object.fromEntries(
            ['sheet', 'sheets', 'columns', 'at', 'value', 'row', 'held', 'detail', 'rows', 'parentOffset', 'offset']
              .concat(['subject', 'action', 'inject', 'path', 'language', 'languages', 'source', 'type', 'label'])
              .concat(['title', 'variables', 'option', 'target', 'team', 'declared', 'found', 'exportedAt'])
              .map((k) => [k, `«${k}»`]),
          ),
        };
        const text = say({ code, params, message: 'SERVER SENTENCE' });
        expect(text, `${lng} ${code}`).not.toBe('SERVER SENTENCE');
        expect(text, `${lng} ${code}`).not.toMatch(/\{\{|importNotes\./);
        if (lng === 'ko') expect(text, code).toMatch(HANGUL);
      }
    }
  });

  it('words a real sheet’s notes in each language: columns, durations, field and channel names', async () => {
    const r = mselToPack(
      grid([
        ['Delivery Time', 'Subject', 'Message', 'To', 'Mode'],
        ['T-00:15', 'Brief the cell', 'Check the phones', 'SOC', 'email'],
        ['09:00', 'Phish', 'Forty users clicked', 'SOC', 'Carrier pigeon'],
        ['', 'Outage', 'Cranes stop', 'OT', 'email'],
      ]),
      ['MSEL'],
      { start: Date.UTC(2026, 2, 9, 9, 0) },
    );
    const checklistRow = r.rows[1]?.warnings[0];
    const pigeon = r.rows[2]?.warnings.find((w) => w.code === 'msel.type-unknown');
    const noTime = r.rows[3]?.errors[0];
    expect([checklistRow?.code, pigeon?.code, noTime?.code]).toEqual([
      'msel.before-startex',
      'msel.type-unknown',
      'msel.time-empty',
    ]);
    if (!checklistRow || !pigeon || !noTime) return;

    const en = await wording('en');
    expect(en(checklistRow)).toBe(
      'Timed 15 min before STARTEX: a preparation step, listed in the pre-exercise checklist (not sent to players)',
    );
    expect(en(pigeon)).toBe(
      'Column E “Mode”: inject type “Carrier pigeon” is not known: sent as Email (map it under Inject types)',
    );
    expect(en(noTime)).toBe(
      'No time: column A “Delivery Time” is empty (expected a time like 09:00, T+01:30 or J+1 09h00)',
    );

    const ko = await wording('ko');
    expect(ko(checklistRow)).toBe('STARTEX 15분 전: 준비 단계로 훈련 전 점검표에 넣었습니다(참가자에게 보내지 않음)');
    expect(ko(pigeon)).toBe(
      'E열(“Mode”): 상황 메시지 유형 “Carrier pigeon”을(를) 알 수 없어 이메일(으)로 보냅니다(‘상황 메시지 유형’ 칸에서 연결하십시오)',
    );
    expect(ko(noTime)).toBe(
      '시각 없음: A열(“Delivery Time”)이(가) 비어 있습니다(09:00, T+01:30, J+1 09h00 같은 시각 필요)',
    );
  });

  it('says which field has no column, and long gaps in days', async () => {
    const r = mselToPack(
      grid([
        ['Time', 'Message', 'Inject type'],
        ['J-60', 'World', 'mail'],
        ['J-30', '', 'press release'],
      ]),
      ['MSEL'],
      {},
    );
    const moved = r.notes.find((n) => n.code === 'msel.start-moved-earlier');
    const empty = r.rows[2]?.errors[0];
    expect(moved?.params).toEqual({ durationMs: 60 * 86_400_000 });
    expect(empty?.code).toBe('msel.nothing-to-send-one-mapped');
    if (!moved || !empty) return;
    const [en, ko] = [await wording('en'), await wording('ko')];
    expect(en(moved)).toMatch(/STARTEX is moved 60 days earlier/);
    expect(ko(moved)).toMatch(/STARTEX를 가장 이른 행으로 60일 앞당기고/);
    expect(en(empty)).toBe(
      'Nothing to send: column B “Message” is empty, and no column is mapped to Subject (the row holds only A "Time" = "J-30", C "Inject type" = "press release")',
    );
    expect(ko(empty)).toMatch(
      /^보낼 내용이 없습니다: B열\(“Message”\)이\(가\) 비어 있고 ‘제목’에 연결된 열이 없습니다/,
    );
  });

  it('words a row’s pack errors from their code and values, not the loader’s English', async () => {
    const r = mselToPack(
      grid([
        ['Time', 'Subject', 'Message', 'To'],
        ['T+00:10', 'Phish', 'Forty users clicked', 'SOC'],
      ]),
      ['MSEL'],
      {},
    );
    const inject = r.pack.injects[0];
    if (!inject) throw new Error('no inject');
    // what the importer itself never writes, so the pack's own checks speak: a subject over 300 characters
    inject.subject = 'S'.repeat(301);
    const loaded = loadPackFiles([{ path: 'pack.yaml', content: packToYaml(r.pack) }], 'msel');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const general = attachPackErrors(r.rows, r.rowOfInject, r.pack, loaded.errors);
    expect(general).toEqual([]);
    const note = r.rows[1]?.errors.find((e) => e.code === 'msel.pack-error');
    expect(note?.packError).toEqual({ code: 'schema.tooBig.string', params: { maximum: 300 } });
    if (!note) return;
    const [en, ko] = [await wording('en'), await wording('ko')];
    expect(en(note)).toBe('Pack error at injects[0].subject: must have at most 300 characters');
    expect(ko(note)).toBe('팩 오류(injects[0].subject): 최대 300자까지 쓸 수 있습니다');
    expect(ko(note)).not.toMatch(/characters/);
  });

  it('gives a YAML syntax error a code with its line and column, worded in each language', async () => {
    const loaded = loadPackFiles([{ path: 'pack.yaml', content: 'id: x\ntitle: "unclosed\nteams: []\n' }], 'broken');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    const e = loaded.errors[0];
    expect(e?.code).toBe('yaml.missingChar');
    // the parser notices the unclosed quote where the file ends
    expect([e?.line, e?.column]).toEqual([4, 1]);
    expect(e?.params).toMatchObject({ line: 4, column: 1 });
    // the command line's sentence stays the parser's own
    expect(e?.message).toMatch(/Missing closing "quote/);
    const i18n = i18next.createInstance();
    await i18n.init({
      lng: 'ko',
      ns: ['author'],
      defaultNS: 'author',
      resources: { ko: { author: messages('ko', 'author') } },
      interpolation: { escapeValue: false },
    });
    expect(i18n.t(`packError.${e?.code ?? ''}`, e?.params)).toBe('4행 1열에 닫는 문자(따옴표, ], })가 빠져 있습니다');
  });
});
