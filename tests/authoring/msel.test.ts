import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { REPO_ROOT, type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { download, fixture, HAVE_SAMPLES, sample, upload } from './authoring-support.js';

let app: RunningProcess;
let api: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-msel'));
  api = await Api.login(app.url, 'instructor');
});
afterAll(async () => {
  await app?.stop();
});

interface Row {
  row: number;
  kind: string;
  injectId?: string;
  offset?: string;
  to?: string[] | 'all';
  channel?: string;
  subject?: string;
  errors: Note[];
  warnings: Note[];
}
/** an import note: a code and its values for the interface, and the English sentence */
interface Note {
  code: string;
  params: Record<string, string | number>;
  message: string;
}
const says = (notes: Note[] | undefined) => (notes ?? []).map((n) => n.message).join('\n');
const preview = async (data: Buffer, query: Record<string, string | undefined> = {}) => {
  const r = await upload(api, '/authoring/msel/preview', data, query);
  if (r.status !== 200) throw new Error(`preview → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const offsets = (pack: { injects: { offset?: string }[] }) => pack.injects.map((i) => i.offset);

describe("a planner's own CSV MSEL", () => {
  it('finds the header under title rows, maps columns in any order and spelling, and reads every time notation', async () => {
    const p = await preview(fixture('planner-msel.csv'), { fileName: 'planner-msel.csv', start: '2026-03-09T09:00' });
    // index among the sheet's non-empty rows (two title rows, then the header)
    expect(p.headerRow).toBe(2);
    expect(p.mapping).toMatchObject({
      number: 0,
      time: 1,
      mode: 2,
      from: 3,
      to: 4,
      message: 5,
      expectedAction: 6,
      objective: 7,
      controller: 8,
      notes: 9,
    });
    const byRow = new Map<number, Row>(p.rows.map((r: Row) => [r.row, r]));
    expect(byRow.get(1)?.kind).toBe('title');
    expect(byRow.get(5)?.kind).toBe('section');
    expect(byRow.get(9)?.kind).toBe('section');
    expect(p.pack.phases.map((ph: { title: string; start: string }) => [ph.title, ph.start])).toEqual([
      ['DETECTION', 'T+00:00'],
      ['RESPONSE', 'T+25:55'],
    ]);
    expect(offsets(p.pack)).toEqual(['T+00:00', 'T+00:30', 'T+01:30', 'T+25:55', 'T+24:00', 'T+02:00', 'T+02:00']);
    const [first, second, , , pigeon, all, unreadable] = p.pack.injects;
    expect(first).toMatchObject({
      id: 'msel-1',
      channel: 'email',
      from: { name: 'SOC Manager', address: 'soc.manager@port.example' },
      to: ['port-soc'],
      body: 'Phishing wave reported by staff, 40 users clicked',
      facilitatorNotes: 'Check the mail gateway',
      meta: { controller: 'J. Smith' },
    });
    expect(first.expectedActions).toEqual([{ id: 'ea-1', text: 'Quarantine the message', points: 10, options: [] }]);
    expect(first.objectives).toEqual(['contain-the-incident']);
    expect(second).toMatchObject({ channel: 'phone', to: ['port-soc', 'national-cert'] });
    expect(pigeon.channel).toBe('email');
    expect(says(byRow.get(11)?.warnings)).toMatch(/Carrier pigeon/);
    expect(byRow.get(11)?.warnings).toContainEqual(
      expect.objectContaining({
        code: 'msel.type-unknown',
        params: expect.objectContaining({ value: 'Carrier pigeon' }),
      }),
    );
    expect(all.to).toBe('all');
    expect(byRow.get(13)).toMatchObject({
      kind: 'skipped',
      errors: [
        {
          code: 'msel.time-empty',
          params: { column: 'B', header: 'Delivery Time', field: 'time' },
          message: 'no time: column B "Delivery Time" is empty (expected a time like 09:00, T+01:30 or J+1 09h00)',
        },
      ],
    });
    // free text in the time column: kept for the facilitator, placed with the row above, with a warning
    expect(byRow.get(14)?.kind).toBe('inject');
    expect(says(byRow.get(14)?.warnings)).toMatch(
      /column B "Delivery Time": "half past nine" is not a time .*placed at the time of the row above/,
    );
    expect(unreadable.facilitatorNotes).toBe('Time in the MSEL: half past nine');
    expect(p.pack.teams.map((t: { name: string }) => t.name)).toEqual(['Port SOC', 'National CERT', 'Communications']);
    expect(p.valid).toBe(true);
  });

  it('counts clock times from the earliest one when no start is given', async () => {
    const p = await preview(fixture('planner-msel.csv'), { fileName: 'planner-msel.csv' });
    expect(offsets(p.pack).slice(0, 3)).toEqual(['T+00:00', 'T+00:30', 'T+01:30']);
    expect(says(p.notes)).toMatch(/earliest clock time \(09:00\)/);
  });

  it('lists rows before a given start as a pre-exercise checklist for the facilitator, not as injects', async () => {
    const p = await preview(fixture('planner-msel.csv'), { fileName: 'planner-msel.csv', start: '2026-03-09T09:15' });
    expect(p.rows.find((r: Row) => r.row === 6)).toMatchObject({
      kind: 'checklist',
      errors: [],
      warnings: expect.arrayContaining([
        {
          code: 'msel.before-startex',
          params: { durationMs: 15 * 60_000 },
          message: expect.stringMatching(/0h15 before STARTEX/),
        },
      ]),
    });
    expect(p.checklist).toEqual([
      { row: 6, offset: 'STARTEX − 0h15', text: 'Phishing wave reported by staff, 40 users clicked' },
    ]);
    expect(p.pack.injects.some((i: { id: string }) => i.id === 'msel-1')).toBe(false);
    const first = p.pack.injects.find((i: { offset?: string }) => i.offset === 'T+00:15');
    expect(first.facilitatorNotes).toMatch(
      /^Pre-exercise checklist .*\n- \[ \] STARTEX − 0h15: Phishing wave reported/,
    );
    expect(says(p.notes)).toMatch(/pre-exercise checklist/);
  });

  it('uses the mapping the author chose over the detected one', async () => {
    const p = await preview(fixture('planner-msel.csv'), {
      fileName: 'planner-msel.csv',
      mapping: JSON.stringify({ time: 1, subject: 9, message: 5, to: 4 }),
    });
    expect(p.pack.injects[0].subject).toBe('Check the mail gateway');
    expect(p.pack.injects[0].channel).toBe('email');
    expect(
      (await upload(api, '/authoring/msel/preview', fixture('planner-msel.csv'), { mapping: '{"time":"B"}' })).status,
    ).toBe(400);
    expect(
      (await upload(api, '/authoring/msel/preview', fixture('planner-msel.csv'), { start: 'yesterday' })).status,
    ).toBe(400);
  });

  it('saves the previewed pack only on import', async () => {
    const before = (await api.get('/scenarios')).body.length;
    await preview(fixture('planner-msel.csv'), { fileName: 'planner-msel.csv', packId: 'harbour-shield' });
    expect((await api.get('/scenarios')).body.length).toBe(before);
    const r = await upload(api, '/authoring/msel/import', fixture('planner-msel.csv'), {
      fileName: 'planner-msel.csv',
      packId: 'harbour-shield',
      title: 'Harbour Shield',
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ packId: 'harbour-shield', created: true });
    const stored = (await api.get('/scenarios/harbour-shield')).body.pack;
    expect(stored.title).toBe('Harbour Shield');
    expect(stored.injects).toHaveLength(7);
  });
});

describe.skipIf(!HAVE_SAMPLES)('real MSEL files from other tools', () => {
  it('T3SF: reads Excel time cells, the player column and polls, and merges the inject fanned out to six players', async () => {
    const p = await preview(sample('msel/t3sf-MSEL.xlsx'), { fileName: 't3sf-MSEL.xlsx' });
    expect(p.sheet).toBe('main');
    expect(p.counts).toMatchObject({ rows: 13, merged: 5, skipped: 0 });
    expect(p.pack.injects).toHaveLength(7);
    expect(offsets(p.pack)).toEqual(['T+00:00', 'T+00:01', 'T+00:02', 'T+00:02', 'T+00:03', 'T+00:04', 'T+00:06']);
    const ransom = p.pack.injects[4];
    expect(ransom.subject).toBe("I've encrypted all your files!");
    expect(ransom.to).toHaveLength(6);
    expect(ransom.from).toEqual({ name: 'h4x0r@notanemail.net', address: 'h4x0r@notanemail.net' });
    expect(p.pack.injects[3].responseOptions).toEqual([
      { id: 'mit', label: 'MIT' },
      { id: 'gpl', label: 'GPL' },
    ]);
    expect(p.pack.teams.map((t: { name: string }) => t.name)).toEqual([
      'Information Security',
      'SRE',
      'Data Governance',
      'Legal',
      'PR/Comm',
      'People',
    ]);
    expect(says(p.notes)).toMatch(/kept as "header: value" lines .*H "Photo"/);
    expect(p.pack.injects[0].facilitatorNotes).toMatch(/^Date: Monday 9:30 AM$/m);
    expect(p.valid).toBe(true);
  });

  it('Blueprint: reads a workbook written with prefixed XML, ISO date-times and its column names', async () => {
    const p = await preview(sample('msel/blueprint-PlaywrightMSEL.xlsx'), {
      fileName: 'blueprint-PlaywrightMSEL.xlsx',
      start: '2023-03-22T18:00',
    });
    expect(p.mapping).toMatchObject({
      controller: 2,
      time: 4,
      subject: 6,
      message: 7,
      to: 8,
      from: 9,
      notes: 10,
      expectedAction: 11,
    });
    expect(
      p.pack.injects.map((i: { subject: string; offset: string; to: unknown }) => [i.subject, i.offset, i.to]),
    ).toEqual([
      ['STARTEX', 'T+10:00', 'all'],
      ['Attack-1', 'T+00:06:40', ['occip']],
    ]);
    expect(p.pack.injects[1]).toMatchObject({ body: 'XSS Reported', meta: { controller: 'FEMA' } });
    expect(p.pack.injects[1].facilitatorNotes.split('\n')[0]).toBe('nothing');
    expect(p.pack.injects[1].facilitatorNotes).toMatch(/^Status: /m);
    expect(p.valid).toBe(true);
  });

  it('OpenAEV checklists: no header row, J-notation and French date-times, unknown rows reported', async () => {
    const one = await preview(sample('msel/openaev-checklist-1.xlsx'), { fileName: 'openaev-checklist-1.xlsx' });
    expect(one.headerRow).toBeNull();
    expect(
      one.pack.injects.map((i: { channel: string; offset: string; to: string[]; subject: string }) => [
        i.channel,
        i.offset,
        i.to,
        i.subject,
      ]),
    ).toEqual([
      ['phone', 'T+00:00', ['team1'], 'message1'],
      ['email', 'T+720:00', ['team2'], 'subject'],
    ]);
    expect(one.pack.injects[1].expectedActions).toEqual([
      { id: 'ea-1', text: 'expectation — expectation done', points: 100, options: [] },
    ]);
    expect(says(one.notes)).toMatch(/shifted/);
    expect(one.rows.find((r: Row) => r.row === 3)).toMatchObject({
      kind: 'skipped',
      errors: [
        expect.objectContaining({
          code: 'msel.nothing-to-send',
          message: 'nothing to send: column E and column F are empty (the row holds only B = "???", C = "J-30")',
        }),
      ],
    });

    const two = await preview(sample('msel/openaev-checklist-2.xlsx'), {
      fileName: 'openaev-checklist-2.xlsx',
      start: '2024-06-26T09:00',
    });
    expect(offsets(two.pack)).toEqual(['T+00:00', 'T+00:05', 'T+00:05']);
    expect(two.pack.injects[2]).toMatchObject({ to: 'all', body: 'message3', channel: 'email' });
    expect(two.rows.find((r: Row) => r.row === 4)?.warnings).toContainEqual({
      code: 'msel.no-recipient',
      params: {},
      message: 'no recipient: sent to all teams',
    });

    const three = await preview(sample('msel/openaev-checklist-3.xlsx'), {
      fileName: 'openaev-checklist-3.xlsx',
      start: '2024-06-26T09:00',
    });
    expect(three.pack.injects.map((i: { offset: string }) => i.offset)).toEqual(['T+00:00', 'T+24:00', 'T+00:05']);
    // J-1 is a day before STARTEX: a preparation step in the pre-exercise checklist
    expect(three.rows.find((r: Row) => r.row === 1)).toMatchObject({ kind: 'checklist', errors: [] });
    expect(three.checklist).toEqual([{ row: 1, offset: 'STARTEX − 24h00', text: 'subject — message2' }]);
    for (const p of [one, two, three]) expect(p.valid).toBe(true);
  });
});

describe('pack → MSEL → pack', () => {
  const comparable = (pack: any) => ({
    teams: pack.teams.map((t: any) => [t.id, t.name, t.description ?? null]),
    objectives: pack.objectives,
    phases: pack.phases.map((p: any) => [p.id, p.title, p.start]),
    injects: pack.injects
      .map((i: any) => ({
        id: i.id,
        offset: i.offset ?? null,
        trigger: i.trigger ?? null,
        to: i.to,
        channel: i.channel,
        from: { name: i.from.name, address: i.from.address ?? null },
        subject: i.subject,
        body: i.body.trim(),
        tlp: i.tlp ?? null,
        objectives: i.objectives,
        responseOptions: i.responseOptions,
        expectedActions: i.expectedActions,
        respondWithin: i.respondWithin ?? null,
        decision: i.decision ?? null,
        notes: i.facilitatorNotes ?? null,
        controller: i.meta?.controller ?? null,
      }))
      .sort((a: any, b: any) => a.id.localeCompare(b.id)),
  });

  /** what of an inject's translation an MSEL row carries (artifacts and sender organisations have no column) */
  const injectTexts = (t: any) =>
    Object.fromEntries(
      Object.entries(t?.injects ?? {}).map(([id, i]: [string, any]) => [
        id,
        {
          from: i.from?.name ?? null,
          subject: i.subject ?? null,
          body: i.body?.trim() ?? null,
          responseOptions: i.responseOptions ?? null,
          expectedActions: i.expectedActions ?? null,
          decision: i.decision ?? null,
        },
      ]),
    );

  it('keeps every mapped field through XLSX', async () => {
    const original = (await api.get('/scenarios/demo')).body.pack;
    const x = await download(api, '/authoring/packs/demo/msel?format=xlsx');
    expect(x.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.data as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['MSEL', 'Teams', 'Scenario', 'Translations']);
    const back = await preview(x.data, { fileName: 'demo-msel.xlsx' });
    expect(back.packErrors).toEqual([]);
    expect(comparable(back.pack)).toEqual(comparable(original));
    // the Korean translation comes back: the injects' from the Language rows, the rest from the Translations sheet
    expect(Object.keys(back.pack.translations)).toEqual(['ko']);
    expect(Object.keys(injectTexts(original.translations.ko)).length).toBeGreaterThan(0);
    expect(injectTexts(back.pack.translations.ko)).toEqual(injectTexts(original.translations.ko));
    expect(back.pack.translations.ko.pack).toEqual(original.translations.ko.pack);
    expect(back.translationFiles.map((f: { path: string }) => f.path)).toEqual(['translations/ko/ko.yaml']);
    expect(back.pack).toMatchObject({
      id: 'demo',
      title: original.title,
      summary: original.summary,
      duration: original.duration,
      threatActors: original.threatActors,
    });
  });

  it('keeps every mapped field through CSV (team ids come from the names)', async () => {
    const original = (await api.get('/scenarios/demo')).body.pack;
    const c = await download(api, '/authoring/packs/demo/msel?format=csv');
    expect(c.headers.get('content-type')).toMatch(/text\/csv/);
    const back = await preview(c.data, { fileName: 'demo-msel.csv', packId: 'demo' });
    expect(back.packErrors).toEqual([]);
    const ids = new Map(original.teams.map((t: any) => [t.id, t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')]));
    const expected = comparable(original);
    expected.teams = expected.teams.map(([id, name]: string[]) => [ids.get(id), name, null]);
    expected.injects.forEach((i: any) => (i.to = i.to === 'all' ? 'all' : i.to.map((t: string) => ids.get(t))));
    const got = comparable(back.pack);
    got.teams.sort();
    expected.teams.sort();
    expect(got).toEqual(expected);
    // a CSV has no Translations sheet: the injects' translations come back from the Language column
    expect(c.data.toString('utf8').split('\r\n')[0]).toMatch(/,Language$/);
    expect(injectTexts(back.pack.translations.ko)).toEqual(injectTexts(original.translations.ko));
  });

  it('imports the translations with the pack, refusing nothing a translation may not change', async () => {
    const x = await download(api, '/authoring/packs/demo/msel?format=xlsx');
    const r = await upload(api, '/authoring/msel/import', x.data, {
      fileName: 'demo-msel.xlsx',
      packId: 'demo-msel-ko',
    });
    expect(r.status).toBe(201);
    const stored = (await api.get('/scenarios/demo-msel-ko')).body.pack;
    expect(stored.translations.ko.injects['phish-email'].subject).toBe('연체 청구서 HL-20931 – 조치 요망');
    expect(stored.translations.ko.pack.objectives['obj-share'].coreCapability).toBe('정보 및 첩보 공유');

    // a translation row names an inject only by its id: the times, recipients and channel of the
    // source stay; a row for an inject the sheet does not have is refused with the pack's error
    const csv = [
      'Inject ID,Scenario Time,Inject Mode,To,Subject,Message,Response Options,Language',
      'alert,T+00:05,siem,SOC,Malware alert,Host infected,"isolate: Isolate the host",en',
      'alert,T+09:00,sms,CERT,악성코드 경보,호스트 감염,"isolate: 호스트 격리",ko',
      'ghost,,,,유령,없음,,ko',
    ].join('\r\n');
    const p = await preview(Buffer.from(csv), { fileName: 'ko.csv', packId: 'ko-rows' });
    expect(p.pack.injects).toHaveLength(1);
    expect(p.pack.injects[0]).toMatchObject({
      id: 'alert',
      offset: 'T+00:05',
      channel: 'siem',
      subject: 'Malware alert',
    });
    expect(p.pack.translations.ko.injects.alert).toEqual({
      subject: '악성코드 경보',
      body: '호스트 감염',
      responseOptions: { isolate: '호스트 격리' },
    });
    expect(p.valid).toBe(false);
    expect(p.packErrors.map((e: { file: string; message: string }) => `${e.file}: ${e.message}`)).toEqual([
      expect.stringMatching(/^translations\/ko\/ko\.yaml: unknown inject "ghost"/),
    ]);
    expect(says(p.notes)).toMatch(/Translations read: ko \(2 injects, rows 3, 4\); the source language is en/);
  });
});

/**
 * A workbook as the .NET Open XML SDK writes it (x: prefixes, rows and cells without `r`, inline
 * strings, absolute part paths, ISO `t="d"` date cells), written here from its XML.
 */
async function openXmlSdkWorkbook(
  sheets: { name: string; rows: (string | { iso: string } | null)[][] }[],
): Promise<Buffer> {
  const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml" Id="R1"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="utf-8"?><x:workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>${sheets.map((s, i) => `<x:sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</x:sheets></x:workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet${i + 1}.xml" Id="rId${i + 1}"/>`).join('')}</Relationships>`,
  );
  sheets.forEach((s, i) => {
    const cell = (v: string | { iso: string } | null) =>
      v === null
        ? '<x:c/>'
        : typeof v === 'string'
          ? `<x:c t="inlineStr"><x:is><x:t>${esc(v)}</x:t></x:is></x:c>`
          : `<x:c t="d"><x:v>${v.iso}</x:v></x:c>`;
    zip.file(
      `xl/worksheets/sheet${i + 1}.xml`,
      `<?xml version="1.0" encoding="utf-8"?><x:worksheet ${ns}><x:sheetData>${s.rows.map((r) => `<x:row>${r.map(cell).join('')}</x:row>`).join('')}</x:sheetData></x:worksheet>`,
    );
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe("a new user's workbook from other software, through the web import and the command line", () => {
  it('Instructions sheet first, Date and Time columns over two days, HSEEP event types, French inject types: the same pack both ways', async () => {
    const data = await openXmlSdkWorkbook([
      {
        name: 'Instructions',
        rows: [['How to fill this MSEL'], ['One row per event; Expected Action rows go under their inject.']],
      },
      {
        name: 'MSEL',
        rows: [
          [
            'Event Number',
            'Date',
            'Time',
            'Event Type',
            'Inject Mode',
            'From',
            'To',
            'Message',
            'Expected Participant Response',
          ],
          [
            '1',
            { iso: '2026-03-09' },
            { iso: '1899-12-30T09:00:00' },
            'Inject',
            'Envoyer un courriel',
            'SOC',
            'Port SOC',
            'Phishing wave: 40 users clicked',
            'Quarantine the message',
          ],
          ['1.1', null, null, 'Expected Action', null, null, null, 'Block the sender domain', null],
          [
            '2',
            { iso: '2026-03-09' },
            { iso: '1899-12-30T14:00:00' },
            'Inject',
            'Appeler',
            'CEO',
            'Port SOC',
            'The file server shows a ransom note',
            'Isolate the server',
          ],
          [
            '2.1',
            { iso: '2026-03-09' },
            { iso: '1899-12-30T15:00:00' },
            'Contingency Inject',
            'SMS',
            'Help desk',
            'Port SOC',
            'The server is still online',
            null,
          ],
          [
            '3',
            { iso: '2026-03-10' },
            { iso: '1899-12-30T09:30:00' },
            'Inject',
            'Communiqué de presse',
            'Newsroom',
            'Comms',
            'Reporters ask about the port outage',
            null,
          ],
        ],
      },
    ]);
    const web = await preview(data, { fileName: 'harbour-msel.xlsx' });
    expect(web.sheet).toBe('MSEL');
    expect(says(web.notes)).toMatch(/Sheet "MSEL" was read/);
    expect(web.pack.injects.map((i: any) => [i.offset ?? i.trigger?.at, i.channel, i.to])).toEqual([
      ['T+00:00', 'email', ['port-soc']],
      ['T+05:00', 'phone', ['port-soc']],
      ['T+06:00', 'phone', ['port-soc']],
      ['T+24:30', 'news', ['comms']],
    ]);
    expect(web.pack.injects[0].expectedActions.map((a: any) => a.text)).toEqual([
      'Quarantine the message',
      'Block the sender domain',
    ]);
    expect(web.pack.injects[2].trigger).toMatchObject({ type: 'contingency', inject: web.pack.injects[1].id });
    expect(web.valid).toBe(true);

    const dir = mkdtempSync(join(tmpdir(), 'ttx-msel-both-'));
    writeFileSync(join(dir, 'harbour-msel.xlsx'), data);
    const cli = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'backend/dist/cli/ttx.js'),
        'msel',
        'import',
        join(dir, 'harbour-msel.xlsx'),
        '--out',
        join(dir, 'pack'),
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/note: Sheet "MSEL" was read/);
    const written = loadPackFolder(join(dir, 'pack'));
    if (!written.ok) throw new Error('the command line wrote an invalid pack');
    expect(written.source.pack.injects).toEqual(web.pack.injects);
  });
});

describe('the web import takes the same options and refusals as the command line', () => {
  it('channel map and strict mode on the MSEL import; zero importable rows is refused', async () => {
    const csv = 'Time;Subject;Message;How\n09:00;Pigeon;Coo;Carrier pigeon\n09:10;;;???\n';
    const p = await preview(Buffer.from(csv), {
      fileName: 'own.csv',
      channelMap: JSON.stringify({ 'Carrier pigeon': 'chat' }),
    });
    expect(p.pack.injects[0].channel).toBe('chat');
    expect(
      (await upload(api, '/authoring/msel/preview', Buffer.from(csv), { channelMap: '{"x":"telegraph"}' })).status,
    ).toBe(400);
    const strict = await upload(api, '/authoring/msel/import', Buffer.from(csv), {
      fileName: 'own.csv',
      strict: 'true',
      packId: 'strict-pigeon',
    });
    expect(strict.status).toBe(400);
    expect(strict.body.message).toMatch(
      /"own\.csv", sheet "csv": 1 row\(s\) cannot become injects \(rows 3\) and strict mode refuses/,
    );
    const lenient = await upload(api, '/authoring/msel/import', Buffer.from(csv), {
      fileName: 'own.csv',
      packId: 'lenient-pigeon',
    });
    expect(lenient.status).toBe(201);
    const none = await upload(api, '/authoring/msel/import', Buffer.from('Time,Message\nlater,\n'), {
      fileName: 'none.csv',
    });
    expect(none.status).toBe(400);
    expect(none.body.message).toMatch(/"none\.csv", sheet "csv": no row became an inject/);
  });

  it.skipIf(!HAVE_SAMPLES)(
    'IcebergTTX through the web preview; an OpenAEV export with only technical injects is not saved',
    async () => {
      const ice = await upload(api, '/authoring/tool-import/preview', sample('icebergttx/ransomware_response.json'), {
        fileName: 'ransomware_response.json',
      });
      expect(ice.status).toBe(200);
      expect(ice.body).toMatchObject({
        valid: true,
        report: { format: 'icebergttx' },
        counts: { teams: 4, decisions: 2 },
      });
      const saved = await upload(api, '/authoring/tool-import/import', sample('icebergttx/ransomware_response.json'), {
        fileName: 'ransomware_response.json',
      });
      expect(saved.status).toBe(201);
      expect((await api.get(`/scenarios/${saved.body.packId}`)).body.pack.injects.length).toBeGreaterThan(5);
      const technical = await upload(api, '/authoring/openaev/import', sample('openaev/scenario-technical.zip'));
      expect(technical.status).toBe(400);
      expect(technical.body.message).toMatch(/none of its 2 inject\(s\) is tabletop content/);
    },
  );
});
