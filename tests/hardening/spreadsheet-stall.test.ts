// A planner previews huge spreadsheets while a drill runs: a file over the row cap must be refused
// with the cap and the count, a file at the cap must be previewed, and the injects of the running
// drill must keep arriving on time. Lateness is measured and printed here, in the same run with and
// without uploads (a report, not a timed assertion; timing targets live in tests/bench).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Api, createExercise } from '../support/api-client.js';
import { type RunningProcess, startBackend, type TestEnv, testEnv } from '../support/app-process.js';
import { RecordingClient, until } from '../support/socket-client.js';
import { upload } from '../authoring/authoring-support.js';
import { DRILL_INJECTS, drillPack, serverBroadcasts, stats } from './stall-drill.js';

const INJECTS = DRILL_INJECTS;
/** how long deliveries are measured with nothing else going on, and at least how long uploads are sent */
const WINDOW_MS = 12_000;
let app: RunningProcess;
let staff: Api;
let env: TestEnv;

function bigCsv(rows: number): Buffer {
  // short rows, as in the security review's repro (17 MB for a million rows, under the 20 MiB upload limit)
  const lines = ['Time,Subject,Message'];
  for (let i = 0; i < rows; i++) lines.push(`T+${i % 60},S${i},M`);
  return Buffer.from(lines.join('\n'));
}

/** A real MSEL at the row cap (the header and 4,999 injects): read, turned into a pack and validated. */
function atCapCsv(): Buffer {
  const lines = ['Time,Subject,Message,To'];
  for (let i = 0; i < 4999; i++)
    lines.push(`T+${Math.floor(i / 10)},Alert ${i},Message body number ${i} with some words in it,SOC`);
  return Buffer.from(lines.join('\n'));
}

async function bigXlsx(rows: number): Promise<Buffer> {
  // numeric cells keep the sheet XML under the 10 MB zip-entry guard, as in the review's 200,000-row repro
  const data = Array.from({ length: rows }, (_, i) => `<row><c><v>${i % 60}</v></c><c><v>${i}</v></c></row>`).join('');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="MSEL" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${data}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

beforeAll(async () => {
  env = testEnv('spreadsheet-stall');
  const injectsDir = join(env.dataDir, 'packs');
  mkdirSync(join(injectsDir, 'stall'), { recursive: true });
  writeFileSync(join(injectsDir, 'stall', 'pack.yaml'), stringify(drillPack()));
  app = await startBackend({ ...env, injectsDir });
  staff = await Api.login(app.url, 'instructor');
});
afterAll(async () => {
  if (app && app.child.exitCode !== null)
    console.log(`[spreadsheet-stall] the backend exited (${app.child.exitCode}):\n${app.output().slice(-3000)}`);
  await app?.stop();
});

describe('a large spreadsheet uploaded during a live drill', () => {
  it(
    'is refused with the cap and the count, and the drill keeps delivering (lateness measured and reported)',
    {
      timeout: 240_000,
    },
    async () => {
      const ex = await createExercise(staff, 'stall', 120);
      const code = ex.teams[0]?.joinCode;
      if (!code) throw new Error('no join code');
      const player = await Api.join(app.url, code, 'Analyst');
      const client = new RecordingClient(app.url, player.token);
      expect(await client.ready()).toBe('ready');
      const receipts: { injectId: string; lateness: number; at: number }[] = [];
      client.socket.on('inject:delivered', (e: { injectId: string; dueAt: number }) =>
        receipts.push({ injectId: e.injectId, lateness: Date.now() - e.dueAt, at: Date.now() }),
      );

      const csv = bigCsv(1_000_000);
      const xlsx = await bigXlsx(200_000);
      const atCap = atCapCsv();
      const load: Record<string, number[]> = {};
      const markLoad = (k: string) => (load[k] = loadavg().map((l) => Math.round(l * 100) / 100));
      await staff.ok('POST', `/exercises/${ex.id}/start`);
      await until(() => receipts.length >= 1, 30_000, 'the first delivery');
      // event-loop probe: the health route answers only when the loop is free
      const probe: { at: number; ms: number }[] = [];
      let probing = true;
      const probeLoop = (async () => {
        while (probing) {
          const t0 = Date.now();
          await fetch(`${app.url}/api/health`).then((r) => r.arrayBuffer());
          probe.push({ at: t0, ms: Date.now() - t0 });
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      // the same drill with nothing else going on (the probe running), measured as long as the uploads will be
      const quietFrom = Date.now();
      markLoad('quiet');
      await new Promise((r) => setTimeout(r, WINDOW_MS));

      const uploadFrom = Date.now();
      markLoad('uploads');
      let rounds = 0;
      // rounds of uploads (two over the cap as CSV, one as XLSX, one real MSEL at the cap imported as a
      // new pack: read, validated and saved), until the window is full
      while (rounds === 0 || Date.now() - uploadFrom < WINDOW_MS) {
        const [c1, c2, x1, ok] = await Promise.all([
          upload(staff, '/authoring/msel/preview', csv, { fileName: 'rows-1e6.csv' }),
          upload(staff, '/authoring/msel/preview', csv, { fileName: 'rows-1e6-again.csv' }),
          upload(staff, '/authoring/msel/preview', xlsx, { fileName: 'rows-200k.xlsx' }),
          upload(staff, '/authoring/msel/import', atCap, { fileName: 'rows-5000.csv', packId: `at-cap-${rounds}` }),
        ]);
        for (const r of [c1, c2]) {
          expect(r.status).toBe(400);
          expect(r.body.message).toMatch(/has about 1,000,000 rows; the limit is 5,000 rows per sheet/);
        }
        expect(x1.status).toBe(400);
        expect(x1.body.message).toMatch(
          /Sheet "MSEL" of "rows-200k\.xlsx" has 200,000 rows; the limit is 5,000 rows per sheet/,
        );
        expect(ok.status).toBe(201);
        expect(ok.body).toMatchObject({ packId: `at-cap-${rounds}`, created: true });
        expect(ok.body.preview.pack.injects).toHaveLength(4999);
        rounds++;
      }
      const uploadTo = Date.now();
      markLoad('end');
      probing = false;
      await probeLoop;

      await until(() => receipts.length >= INJECTS, 90_000, 'every inject delivered');
      client.close();
      expect(new Set(receipts.map((r) => r.injectId)).size).toBe(INJECTS);

      const clientLate = (from: number, to: number) =>
        receipts.filter((r) => r.at >= from && r.at < to).map((r) => r.lateness);
      // the deliveries that reached the team while the spreadsheets were being sent and read
      const inFlight = receipts.filter((r) => r.at >= uploadFrom && r.at <= uploadTo);
      const server = await serverBroadcasts(env, ex.id);
      const serverLate = (from: number, to: number) =>
        server.filter((b) => b.startedAt >= from && b.startedAt < to).map((b) => b.startedAt - b.dueAt);
      const report = {
        loadAverage1m5m15m: load,
        uploadRounds: rounds,
        uploadMs: uploadTo - uploadFrom,
        serverBroadcastLatenessQuietMs: stats(serverLate(quietFrom, uploadFrom)),
        serverBroadcastLatenessDuringUploadsMs: stats(serverLate(uploadFrom, uploadTo)),
        clientDeliveryLatenessQuietMs: stats(clientLate(quietFrom, uploadFrom)),
        clientDeliveryLatenessDuringUploadsMs: stats(clientLate(uploadFrom, uploadTo)),
        healthResponseQuietMs: stats(probe.filter((p) => p.at < uploadFrom).map((p) => p.ms)),
        healthResponseDuringUploadsMs: stats(probe.filter((p) => p.at >= uploadFrom).map((p) => p.ms)),
      };
      console.log(`[spreadsheet-stall] ${JSON.stringify(report)}`);
      // deliveries did happen while the files were being read (the measurement covers the upload)
      expect(inFlight.length).toBeGreaterThan(0);
      // a generous bound, not a timing target (those live in tests/bench): the unfixed server froze
      // for 1.4–4.2 s on these files; a loaded 2-core test machine stays well under 2 s
      expect(stats(clientLate(uploadFrom, uploadTo)).max).toBeLessThan(2000);
    },
  );
});
