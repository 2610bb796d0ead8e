import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { fixture, HAVE_SAMPLES, sample, upload } from './authoring-support.js';

let app: RunningProcess;
let api: Api;

beforeAll(async () => {
  app = await startBackend(testEnv('authoring-openaev'));
  api = await Api.login(app.url, 'instructor');
});
afterAll(async () => {
  await app?.stop();
});

const preview = async (data: Buffer) => {
  const r = await upload(api, '/authoring/openaev/preview', data);
  if (r.status !== 200) throw new Error(`preview → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

describe('an OpenAEV tabletop scenario', () => {
  it('turns teams, objectives, email/manual/channel injects, variables, expectations and dependencies into a pack', async () => {
    const p = await preview(fixture('openaev-tabletop.json'));
    expect(p.valid).toBe(true);
    const pack = (await import('yaml')).parse(p.yaml);
    expect(pack.title).toBe('Bank ransom crisis');
    expect(pack.summary).toBe('A **ransomware** crisis at a bank.');
    expect(pack.teams.map((t: { id: string }) => t.id)).toEqual(['bank-soc', 'communication']);
    expect(pack.objectives[0]).toMatchObject({ id: 'contain', text: 'Contain: Stop the spread' });
    const [note, press, followup, news] = pack.injects;
    expect(note).toMatchObject({
      id: 'ransom-note',
      offset: 'T+00:00',
      to: ['bank-soc'],
      channel: 'email',
      subject: 'Your files are encrypted',
      from: { name: 'crisis@bank.example' },
    });
    expect(note.body).toContain('## Pay 40 BTC');
    expect(note.body).toContain('[x@evil.example](mailto:x@evil.example)');
    expect(note.body).toMatch(/^- +No police$/m);
    expect(note.body).toContain('${deadline}');
    expect(note.expectedActions).toEqual([
      { id: 'isolate', text: 'Isolate — Isolate infected hosts at Northbank', points: 80 },
      { id: 'notify-cert', text: 'Notify CERT', points: 20 },
    ]);
    expect(press).toMatchObject({
      offset: 'T+00:30',
      channel: 'sitrep',
      to: ['communication'],
      body: 'Journalist calls the switchboard about an outage at Northbank.',
    });
    expect(followup).toMatchObject({
      to: 'all',
      trigger: { type: 'after-inject', inject: 'ransom-note', delay: '01:00' },
    });
    expect(followup.offset).toBeUndefined();
    expect(news).toMatchObject({ channel: 'news', from: { name: 'Daily Ledger newsroom' }, offset: 'T+01:30' });
    expect(news.body).toContain('Customers of Northbank cannot log in.');
    expect(p.report.skipped).toEqual([
      {
        title: 'Port scan',
        kind: 'openaev_nmap',
        reason: {
          code: 'openaev.technical-inject',
          params: { type: 'openaev_nmap', label: expect.any(String) },
          message: expect.stringContaining('technical inject'),
        },
      },
    ]);
    expect(p.report.variables).toEqual({
      resolved: expect.arrayContaining(['ransom', 'bank_name']),
      unknown: ['deadline'],
    });
    expect(p.report.warnings).toContainEqual({
      code: 'openaev.unknown-variables',
      params: { variables: '${deadline}' },
      message: 'Unknown variables left as written: ${deadline}',
    });
  });

  it('imports the same scenario from an export zip and saves it', async () => {
    const zip = new JSZip();
    zip.file('Bank ransom crisis.json', fixture('openaev-tabletop.json'), { comment: 'Scenario' });
    zip.file('logo.png', Buffer.from([1, 2, 3]), { comment: 'Attachment' });
    const r = await upload(api, '/authoring/openaev/import', await zip.generateAsync({ type: 'nodebuffer' }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ packId: 'bank-ransom-crisis', created: true });
    expect((await api.get('/scenarios/bank-ransom-crisis')).body.pack.injects).toHaveLength(4);
  });

  it('says clearly what is wrong with a file that is no export', async () => {
    expect((await upload(api, '/authoring/openaev/preview', Buffer.from('{"hello":1}'))).body.code).toBe(
      'openaev.unknown-layout',
    );
    expect((await upload(api, '/authoring/openaev/preview', Buffer.from('not json'))).body.code).toBe(
      'openaev.bad-json',
    );
  });
});

describe.skipIf(!HAVE_SAMPLES)('real OpenAEV exports', () => {
  it('the empty starter scenario: a pack with one placeholder team and no inject', async () => {
    const p = await preview(sample('openaev/scenario-empty.zip'));
    expect(p.report).toMatchObject({ format: 'zip', layout: 'scenario', name: 'starterpack', skipped: [] });
    expect(p.counts).toEqual({ teams: 1, objectives: 0, injects: 0, skipped: 0 });
    expect(p.valid).toBe(true);
  });

  it('the technical scenario: both technical injects skipped and named', async () => {
    const p = await preview(sample('openaev/scenario-technical.zip'));
    expect(p.counts.injects).toBe(0);
    expect(p.report.skipped.map((s: { title: string; kind: string }) => [s.title, s.kind])).toEqual([
      ['CVE-2023-48788', 'openaev_nuclei'],
      ['Download beacon to target with some masquerading - Salt Typhoon Style', 'openaev_implant'],
    ]);
    expect(p.valid).toBe(true);
  });

  it('bare JSON with an ATT&CK pattern: the implant inject is skipped', async () => {
    const p = await preview(sample('openaev/scenario-with-attack-pattern.json'));
    expect(p.report).toMatchObject({ format: 'json', name: 'test export' });
    expect(p.report.skipped).toEqual([
      {
        title: 'whoami',
        kind: 'openbas_implant',
        reason: expect.objectContaining({ code: 'openaev.technical-inject' }),
      },
    ]);
  });

  it('the legacy exercise layout: teams de-duplicated, no inject', async () => {
    const p = await preview(sample('openaev/legacy-exercise-layout.json'));
    expect(p.report.layout).toBe('exercise');
    expect(p.counts).toMatchObject({ teams: 1, injects: 0 });
    expect((await import('yaml')).parse(p.yaml).teams).toEqual([{ id: 'animation-team', name: 'Animation team' }]);
  });
});
