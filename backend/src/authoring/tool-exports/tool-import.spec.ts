import { describe, expect, it } from 'vitest';
import { messagesOf } from '../import-note.js';
import { loadPackFiles, packToYaml } from '../packs/pack-files.js';
import { toolJsonToPack, toolRefusal } from './tool-import.js';

const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const valid = (pack: Parameters<typeof packToYaml>[0]) => {
  const r = loadPackFiles([{ path: 'pack.yaml', content: packToYaml(pack) }], 't');
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`);
};

describe('IcebergTTX scenarios', () => {
  const scenario = {
    schema_version: '1.0',
    title: 'Ransomware',
    description: 'First hour',
    participant_teams: [
      { id: 'it_ops', label: 'IT Operations' },
      { id: 'exec', label: 'Executive' },
    ],
    start_inject_id: 'alert',
    injects: [
      {
        id: 'alert',
        title: 'Locked screens',
        content: 'Files are encrypted.',
        target_teams: ['it_ops'],
        sequence_order: 1,
        options: [
          { id: 'isolate', label: 'Isolate', next_inject_id: 'contain' },
          { id: 'watch', label: 'Watch', next_inject_id: 'spread' },
        ],
        expected_actions: ['Declare an incident'],
      },
      {
        id: 'contain',
        title: 'Containment',
        content: 'Telemetry is clean.',
        target_teams: ['it_ops', 'exec'],
        sequence_order: 2,
        options: [{ id: 'go', label: 'Go on', next_inject_id: 'press' }],
      },
      {
        id: 'spread',
        title: 'Spread',
        content: 'It spreads.',
        target_teams: ['it_ops'],
        sequence_order: 3,
        options: [
          { id: 'crisis', label: 'Crisis mode', next_inject_id: 'press' },
          { id: 'back', label: 'Start over', next_inject_id: 'alert' },
        ],
      },
      {
        id: 'press',
        title: 'Press',
        content: 'A reporter calls.',
        target_teams: ['exec'],
        sequence_order: 4,
        triggers_communications: [
          {
            external_entity: 'Media desk',
            direction: 'inbound',
            subject: 'Comment?',
            body: 'Can you confirm?',
            delay_after_release_seconds: 120,
          },
          { external_entity: 'Regulator', direction: 'outbound', subject: 'Breach notice' },
        ],
      },
    ],
  };

  it('branches become decisions and option triggers; a twice-reached inject is one copy per branch; loops are named', () => {
    const { pack, report } = toolJsonToPack(json(scenario), { fileName: 'ransom.json' });
    expect(report.format).toBe('icebergttx');
    expect(pack.teams.map((t) => [t.id, t.name])).toEqual([
      ['it-ops', 'IT Operations'],
      ['exec', 'Executive'],
    ]);
    const byId = new Map(pack.injects.map((i) => [i.id, i]));
    expect(byId.get('alert')).toMatchObject({
      offset: 'T+00:00',
      to: ['it-ops'],
      decision: { id: 'alert-decision', mode: 'team', options: [{ id: 'isolate' }, { id: 'watch' }] },
    });
    expect(byId.get('contain')?.trigger).toEqual({
      type: 'decision-outcome',
      decision: 'alert-decision',
      outcome: 'isolate',
      delay: '00:00',
    });
    expect(byId.get('spread')?.trigger).toEqual({
      type: 'decision-outcome',
      decision: 'alert-decision',
      outcome: 'watch',
      delay: '00:00',
    });
    // contain has one option: a response option whose choice releases press to the choosing team
    expect(byId.get('contain')?.responseOptions).toEqual([{ id: 'go', label: 'Go on' }]);
    expect(byId.get('press')?.trigger).toEqual({
      type: 'response-option',
      inject: 'contain',
      option: 'go',
      delay: '00:00',
    });
    expect(byId.get('press-branch-2')?.trigger).toEqual({
      type: 'decision-outcome',
      decision: 'spread-decision',
      outcome: 'crisis',
      delay: '00:00',
    });
    const media = pack.injects.find((i) => i.from.name === 'Media desk');
    expect(media).toMatchObject({
      subject: 'Comment?',
      channel: 'email',
      trigger: { type: 'after-inject', inject: 'press', delay: '00:02' },
    });
    expect(byId.get('press')?.expectedActions.map((a) => a.text)).toEqual(['Send to Regulator: Breach notice']);
    expect(messagesOf(report.warnings).join('\n')).toMatch(/"Start over" loops back to "alert"/);
    expect(report.warnings).toContainEqual(
      expect.objectContaining({
        code: 'icebergttx.option-loops-back',
        params: { title: expect.any(String) as string, option: 'Start over', target: 'alert' },
      }),
    );
    expect(messagesOf(report.notes).join('\n')).toMatch(/"Press" is reached by 2 options: imported once per branch/);
    expect(report.notes).toContainEqual(
      expect.objectContaining({ code: 'icebergttx.branch-copies', params: { title: 'Press', count: 2 } }),
    );
    expect(valid(pack)).toEqual([]);
  });

  it('refuses another schema version and a file of the wrong kind, naming it', () => {
    expect(() => toolJsonToPack(json({ ...scenario, schema_version: '2.0' }), { fileName: 'x.json' })).toThrow(
      /schema_version "2.0" is not read/,
    );
    expect(() => toolJsonToPack(json({ scenario_information: {} }), { fileName: 'oaev.json' })).toThrow(
      /"oaev\.json" is neither .*it is an OpenAEV export/,
    );
    expect(() => toolJsonToPack(Buffer.from('{broken'), { fileName: 'b.json' })).toThrow(/"b\.json" is not valid JSON/);
    expect(() =>
      toolJsonToPack(json({ exercise_id: 1, timeline_type: 'x', injects: [] }), {
        fileName: 't.json',
        format: 'icebergttx',
      }),
    ).toThrow(/it is a ttx-community timeline \(ttx import-timeline/);
    expect(() =>
      toolJsonToPack(json({ scenario_information: {} }), { fileName: 'o.json', format: 'ttx-community' }),
    ).toThrow(/it is an OpenAEV export \(ttx import-openaev\)/);
  });
});

describe('ttx-community timeline exports', () => {
  const timeline = {
    exercise_id: 7,
    exported_at: '2026-01-10T10:00:00Z',
    timeline_type: 'business',
    total_injects: 5,
    phases: [
      { id: 1, name: 'Detection', start_offset: 0 },
      { id: 2, name: 'Crisis', start_offset: 60 },
    ],
    injects: [
      {
        id: 11,
        title: 'Phishing mail',
        type: 'mail',
        time_offset: 0,
        phase_id: 1,
        content: { subject: 'Invoice overdue', body: 'Please pay', from: 'billing@evil.example' },
        target_team_ids: [3],
      },
      {
        id: 12,
        title: 'SMS from the CEO',
        type: 'sms',
        time_offset: 20,
        phase_id: 1,
        content: { text: 'Call me now' },
        audiences: [{ kind: 'team', value: 4 }],
      },
      {
        id: 13,
        title: 'TV report',
        type: 'tv',
        time_offset: 75,
        phase_id: 2,
        content: { transcript: 'Breaking news' },
        dependency_ids: [12],
      },
      { id: 14, title: 'Cancelled one', type: 'doc', status: 'cancelled', time_offset: 80 },
    ],
  };

  it('types become channels, time_offset minutes become offsets, dependencies become triggers, phases are kept', () => {
    const { pack, report } = toolJsonToPack(json(timeline), { fileName: 'timeline.json' });
    expect(report.format).toBe('ttx-community');
    expect(pack.injects.map((i) => [i.id, i.channel, i.offset ?? null, i.to, i.phase ?? null])).toEqual([
      ['phishing-mail', 'email', 'T+00:00', ['team-3'], 'detection'],
      ['sms-from-the-ceo', 'phone', 'T+00:20', ['team-4'], 'detection'],
      ['tv-report', 'video', null, 'all', 'crisis'],
    ]);
    expect(pack.injects[0]).toMatchObject({
      subject: 'Invoice overdue',
      body: 'Please pay',
      from: { name: 'billing@evil.example' },
    });
    expect(pack.injects[2]?.trigger).toEqual({ type: 'after-inject', inject: 'sms-from-the-ceo', delay: '00:55' });
    expect(report.skipped).toEqual([
      {
        id: '14',
        title: 'Cancelled one',
        reason: { code: 'ttx-community.cancelled', params: {}, message: 'cancelled in ttx-community' },
      },
    ]);
    expect(report.warnings).toContainEqual({
      code: 'ttx-community.total-mismatch',
      params: { declared: 5, found: 4 },
      message: 'The export says total_injects 5 but holds 4',
    });
    expect(pack.phases.map((p) => [p.title, p.start])).toEqual([
      ['Detection', 'T+00:00'],
      ['Crisis', 'T+01:00'],
    ]);
    expect(valid(pack)).toEqual([]);
  });

  it('an export without injects is refused rather than saved empty', () => {
    const t = toolJsonToPack(json({ ...timeline, injects: [], total_injects: 0 }), { fileName: 'empty.json' });
    expect(toolRefusal(t)).toMatch(/makes no inject; nothing was saved/);
  });
});
