import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mselCsv, mselXlsx } from '../../backend/src/authoring/msel/msel-export.js';
import { previewMsel } from '../../backend/src/authoring/msel/msel-preview.js';
import type { Inject, ScenarioPack } from '../../backend/src/scenarios/pack/pack-schema.js';
import { CHANNELS } from '../../backend/src/scenarios/pack/pack-schema.js';

// Text planners write, including what a spreadsheet would run as a formula (=, +, -, @ first),
// quotes, commas and semicolons (the CSV delimiters) and line breaks inside a body.
const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/);
const text = fc.stringMatching(/^[A-Za-z=+@\-"'][A-Za-z0-9 ,;.'"=+@\-()!?]{0,40}[A-Za-z0-9.!?)"]$/);
const body = fc.array(text, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));

const packArb = fc
  .record({
    teamNames: fc.uniqueArray(word, {
      minLength: 1,
      maxLength: 4,
      comparator: (a, b) => a.toLowerCase() === b.toLowerCase(),
    }),
    injects: fc.array(
      fc.record({
        minute: fc.integer({ min: 0, max: 600 }),
        channel: fc.constantFrom(...CHANNELS),
        from: word,
        subject: text,
        body,
        toAll: fc.boolean(),
        toPick: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        actions: fc.array(
          fc.record({
            text: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,30}[a-z]$/),
            points: fc.integer({ min: 0, max: 100 }),
          }),
          { maxLength: 2 },
        ),
        notes: fc.option(text, { nil: undefined }),
        tlp: fc.option(fc.constantFrom('TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:RED' as const), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ teamNames, injects }): ScenarioPack => {
    const teams = teamNames.map((n) => ({ id: n.toLowerCase(), name: n }));
    return {
      id: 'roundtrip',
      title: 'Round trip',
      summary: 'Generated',
      version: '1.0.0',
      duration: '12:00',
      tags: [],
      classification: 'TLP:CLEAR',
      threatActors: [],
      teams,
      objectives: [],
      phases: [],
      injects: injects.map((i, k): Inject => ({
        id: `inject-${k + 1}`,
        offset: `T+${String(Math.floor(i.minute / 60)).padStart(2, '0')}:${String(i.minute % 60).padStart(2, '0')}`,
        to: i.toAll ? 'all' : [...new Set(i.toPick.map((p) => teams[p % teams.length]?.id ?? 'x'))],
        channel: i.channel,
        from: { name: i.from },
        subject: i.subject,
        body: i.body,
        ...(i.tlp ? { tlp: i.tlp } : {}),
        artifacts: [],
        tags: { groups: [], attack: [], disarm: [], assumed: [] },
        objectives: [],
        responseOptions: [],
        expectedActions: i.actions.map((a, n) => ({ id: `ea-${n + 1}`, text: a.text, points: a.points, options: [] })),
        ...(i.notes ? { facilitatorNotes: i.notes } : {}),
        meta: {},
      })),
    };
  });

const comparable = (p: ScenarioPack) =>
  p.injects
    .map((i) => ({
      id: i.id,
      offset: i.offset,
      to: i.to === 'all' ? 'all' : [...i.to].sort(),
      channel: i.channel,
      from: i.from.name,
      subject: i.subject,
      body: i.body,
      tlp: i.tlp ?? null,
      actions: i.expectedActions.map((a) => [a.text, a.points]),
      notes: i.facilitatorNotes ?? null,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

describe('msel export → msel import gives back the same pack (property test over generated packs)', () => {
  it('through CSV', async () => {
    await fc.assert(
      fc.asyncProperty(packArb, async (pack) => {
        const back = await previewMsel(Buffer.from(`\uFEFF${mselCsv(pack)}`, 'utf8'), {
          fileName: 'rt.csv',
          packId: 'roundtrip',
        });
        expect(back.rows.filter((r) => r.errors.length)).toEqual([]);
        expect(comparable(back.pack)).toEqual(comparable(pack));
        // every team that receives something comes back under its name
        const used = new Set(pack.injects.flatMap((i) => (i.to === 'all' ? [] : i.to)));
        for (const t of pack.teams.filter((x) => used.has(x.id)))
          expect(back.pack.teams).toContainEqual({ id: t.id, name: t.name });
      }),
      { numRuns: 40 },
    );
  });

  it('through XLSX', async () => {
    await fc.assert(
      fc.asyncProperty(packArb, async (pack) => {
        const back = await previewMsel(await mselXlsx(pack), { fileName: 'rt.xlsx' });
        expect(back.rows.filter((r) => r.errors.length)).toEqual([]);
        expect(comparable(back.pack)).toEqual(comparable(pack));
        expect(back.pack.teams.map((t) => [t.id, t.name])).toEqual(pack.teams.map((t) => [t.id, t.name]));
      }),
      { numRuns: 25 },
    );
  });
});
