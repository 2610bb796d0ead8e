import { describe, expect, it } from 'vitest';
import {
  addInText,
  deleteInText,
  errorsAt,
  errorsExactlyAt,
  formatOffset,
  nodeRange,
  pathKey,
  plannedTimes,
  readDraft,
  setInText,
} from '../../frontend/src/features/author/lib/pack-doc.js';

const YAML = `# Port ransomware drill
id: port-drill # keep this id
title: Port drill
injects:
  - id: phish
    offset: "T+00:05"
    subject: Invoice overdue # the lure
  - id: follow-up
    trigger: { type: after-inject, inject: phish, delay: "00:03" }
    subject: Did anyone click?
`;

/** The pack editor's forms write through the YAML document: the author's text must survive every edit. */
describe('pack editor document', () => {
  it('changes one value and keeps every comment and the rest of the layout', () => {
    const out = setInText(YAML, ['injects', 0, 'subject'], 'Overdue invoice HL-20931');
    expect(out).toContain('subject: Overdue invoice HL-20931 # the lure');
    expect(out).toContain('# Port ransomware drill');
    expect(out).toContain('id: port-drill # keep this id');
    expect(out.split('\n').length).toBe(YAML.split('\n').length);
  });

  it('removes a field set to empty, adds to a list that did not exist, deletes a list item', () => {
    expect(setInText(YAML, ['title'], '')).not.toContain('title:');
    const added = addInText(YAML, ['injects', 0, 'responseOptions'], { id: 'report', label: 'Report it' });
    expect(readDraft(added)?.injects?.[0]).toMatchObject({ responseOptions: [{ id: 'report', label: 'Report it' }] });
    const deleted = deleteInText(YAML, ['injects', 0]);
    expect(readDraft(deleted)?.injects?.map((i) => i.id)).toEqual(['follow-up']);
  });

  it('leaves a text that does not parse as it is, and reads it as no draft', () => {
    const broken = 'id: x\ninjects: [\n';
    expect(readDraft(broken)).toBeNull();
    expect(setInText(broken, ['id'], 'y')).toBe(broken);
    expect(readDraft('- a list, not a pack')).toBeNull();
  });

  it('finds where a node is in the text', () => {
    const r = nodeRange(YAML, ['injects', 1]);
    expect(r).not.toBeNull();
    expect(YAML.slice(r?.from, r?.to)).toMatch(/^id: follow-up/);
    expect(nodeRange(YAML, ['injects', 7])).toBeNull();
  });

  it('matches loader error paths to fields, items included only when asked', () => {
    expect(pathKey(['injects', 3, 'to', 0])).toBe('injects[3].to[0]');
    const errors = [
      { file: 'pack.yaml', line: 1, column: 1, path: 'injects[3].to', message: 'list' },
      { file: 'pack.yaml', line: 1, column: 1, path: 'injects[3].to[0]', message: 'item' },
      { file: 'injects/a.yaml', line: 1, column: 1, path: 'injects[3].to', message: 'other file' },
    ];
    expect(errorsAt(errors, ['injects', 3, 'to'])).toEqual(['list', 'item']);
    expect(errorsExactlyAt(errors, ['injects', 3, 'to'])).toEqual(['list']);
  });

  it('places triggered injects on the timeline after what releases them, marked as estimated', () => {
    const times = plannedTimes(readDraft(YAML) ?? {});
    expect(times.get(0)).toEqual({ ms: 5 * 60_000, estimated: false });
    expect(times.get(1)).toEqual({ ms: 8 * 60_000, estimated: true });
    expect(formatOffset(8 * 60_000)).toBe('T+00:08');
    expect(formatOffset(3_723_000)).toBe('T+01:02:03');
  });

  it('places what a decision outcome releases at the decision deadline, and survives a trigger loop', () => {
    const draft = readDraft(`injects:
  - { id: sheet, offset: "T+01:00", decision: { id: d1, deadline: "00:20" } }
  - { id: outcome, trigger: { type: decision-outcome, decision: d1, outcome: yes, delay: "00:05" } }
  - { id: a, trigger: { type: after-inject, inject: b } }
  - { id: b, trigger: { type: after-inject, inject: a } }
`);
    const times = plannedTimes(draft ?? {});
    expect(times.get(1)).toEqual({ ms: (60 + 20 + 5) * 60_000, estimated: true });
    expect(times.has(2)).toBe(false);
    expect(times.has(3)).toBe(false);
  });
});
