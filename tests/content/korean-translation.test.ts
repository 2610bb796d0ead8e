import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPackFolder } from '../../backend/src/scenarios/pack/pack-loader.js';
import type { Inject, InjectTranslation, ScenarioPack } from '../../backend/src/scenarios/pack/pack-schema.js';
import { localiseInject } from '../../backend/src/scenarios/pack/pack-translations.js';
import { REPO_ROOT } from '../support/app-process.js';

/**
 * The korean-peninsula pack in Korean: everything the ROK team receives and every shared decision
 * sheet is translated completely, and no translation alters an indicator, address or identifier
 * of its source (a CERT acts on those verbatim).
 */
function load(folder: string): ScenarioPack {
  const r = loadPackFolder(join(REPO_ROOT, 'injects', folder));
  if (!r.ok) throw new Error(JSON.stringify(r.errors, null, 1));
  return r.source.pack;
}

const pack = load('korean-peninsula');
const ko = pack.translations?.ko;
const forRok = pack.injects.filter((i) => i.to === 'all' || i.to.includes('rok-cert') || i.decision !== undefined);

/** What a CERT copies and pastes: it must come through a translation unchanged. */
const VERBATIM: RegExp[] = [
  /https?:\/\/[^\s)"'<>]+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /\b(?:[a-z0-9-]+\.)+(?:example|com|net|org|kr)\b/g,
  /\b(?:\d{1,3}\.){3}\d{1,3}\b/g,
  /\b[0-9a-f]{32,64}\b/gi,
  /\bT\d{4}(?:\.\d{3})?\b/g,
  /\bG\d{4}\b/g,
  /\bTLP:(?:CLEAR|GREEN|AMBER\+STRICT|AMBER|RED)\b/g,
  /\bAA\d{2}-\d{3}[A-Z]\b/g,
  /\bCVE-\d{4}-\d{4,}\b/g,
  /\b[\w.-]+\.(?:dll|exe|msi|zip|lnk|ico|iso|ps1|pdf)\b/gi,
  /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[A-Z]*\d+\b/g,
  /\bsvc_\w+\b/g,
  /\bT\+\d{2}:\d{2}\b/g,
];

function tokens(text: string): string[] {
  return [...new Set(VERBATIM.flatMap((re) => text.match(re) ?? []))];
}

/** Source text and its translation, field by field (only fields the translation has). */
function pairs(src: Inject, t: InjectTranslation): [string, string, string][] {
  const out: [string, string, string][] = [];
  const add = (field: string, a: string | undefined, b: string | undefined) => {
    if (a !== undefined && b !== undefined) out.push([field, a, b]);
  };
  add('subject', src.subject, t.subject);
  add('body', src.body, t.body);
  add('from.name', src.from.name, t.from?.name);
  add('from.organisation', src.from.organisation, t.from?.organisation);
  for (const o of src.responseOptions) add(`responseOptions.${o.id}`, o.label, t.responseOptions?.[o.id]);
  for (const o of src.responseOptions) add(`distractors.${o.id}.why`, o.distractor?.why, t.distractors?.[o.id]?.why);
  for (const a of src.expectedActions) add(`expectedActions.${a.id}`, a.text, t.expectedActions?.[a.id]);
  add('decision.question', src.decision?.question, t.decision?.question);
  for (const o of src.decision?.options ?? []) add(`decision.options.${o.id}`, o.label, t.decision?.options?.[o.id]);
  src.artifacts.forEach((a, i) => {
    const at = t.artifacts?.[String(i)];
    add(`artifacts.${i}.title`, a.title, at?.title);
    if (a.kind === 'ioc-table')
      a.rows.forEach((r, k) => add(`artifacts.${i}.notes.${k}`, r.note, at?.notes?.[String(k)]));
  });
  return out;
}

describe('korean-peninsula in Korean', () => {
  it('has a Korean translation and keeps English as its source', () => {
    expect(pack.language ?? 'en').toBe('en');
    expect(ko).toBeDefined();
    expect(forRok.length).toBeGreaterThanOrEqual(38);
  });

  it('translates the pack title, summary, audience, every team, objective (with its core capability) and phase', () => {
    expect(ko?.pack.title).toBe('한반도 유사시');
    expect(ko?.pack.summary).toMatch(/[가-힣]/);
    expect(ko?.pack.audience).toMatch(/[가-힣]/);
    for (const o of pack.objectives)
      expect(ko?.pack.objectives?.[o.id]?.coreCapability, `core capability of ${o.id}`).toMatch(/[가-힣]/);
    for (const t of pack.teams) expect(ko?.pack.teams?.[t.id]?.name, `team ${t.id}`).toMatch(/[가-힣]/);
    for (const t of pack.teams)
      if (t.description) expect(ko?.pack.teams?.[t.id]?.description, `team ${t.id}`).toMatch(/[가-힣]/);
    for (const o of pack.objectives) expect(ko?.pack.objectives?.[o.id]?.text, `objective ${o.id}`).toMatch(/[가-힣]/);
    for (const p of pack.phases) expect(ko?.pack.phases?.[p.id]?.title, `phase ${p.id}`).toMatch(/[가-힣]/);
  });

  it.each(forRok.map((i) => [i.id, i] as const))(
    '%s: what the ROK team reads (and every decision sheet) is completely in Korean',
    (_id, inject) => {
      const local = localiseInject(inject, pack, 'ko');
      expect(local.content).toEqual({ language: 'ko', untranslated: [] });
      // evaluators read the expected actions beside the source
      const t = ko?.injects[inject.id];
      expect(Object.keys(t?.expectedActions ?? {}).sort()).toEqual(inject.expectedActions.map((a) => a.id).sort());
      for (const text of [local.inject.subject, local.inject.body, ...local.inject.responseOptions.map((o) => o.label)])
        expect(text).toMatch(/[가-힣]/);
      // a team that chose a distractor reads why it was wrong in its score breakdown and report
      const distractors = inject.responseOptions.filter((o) => o.distractor);
      expect(Object.keys(t?.distractors ?? {}).sort()).toEqual(distractors.map((o) => o.id).sort());
      for (const o of local.inject.responseOptions)
        if (o.distractor) expect(o.distractor.why, `why of ${o.id}`).toMatch(/^[^a-z]*[가-힣]/);
    },
  );

  it('gives every distractor the ROK team can choose a Korean why', () => {
    const whys = forRok.flatMap((i) =>
      i.responseOptions.flatMap((o) => (o.distractor ? [ko?.injects[i.id]?.distractors?.[o.id]?.why] : [])),
    );
    expect(whys.length).toBeGreaterThanOrEqual(18);
    for (const why of whys) expect(why).toMatch(/[가-힣]/);
  });

  it.each(forRok.map((i) => [i.id, i] as const))(
    '%s: keeps every indicator, address and identifier of the source verbatim',
    (_id, inject) => {
      const t = ko?.injects[inject.id];
      if (!t) throw new Error('not translated');
      const missing = pairs(inject, t).flatMap(([field, source, translated]) =>
        tokens(source)
          .filter((tok) => !translated.includes(tok))
          .map((tok) => `${field}: ${tok}`),
      );
      expect(missing).toEqual([]);
    },
  );

  it('dates and times are given in KST the Korean way', () => {
    expect(ko?.injects['kp-startex']?.body).toContain('2026년 10월 13일 06:00 KST');
    expect(ko?.injects['kp-yeonpyeong-sitrep']?.body).toContain('2026년 10월 13일 12:10 KST');
    // Korean names in Korean order (family name first, no hyphenated romanisation)
    expect(ko?.injects['kp-kimsuky-journalist']?.from?.name).toMatch(/^서지훈/);
    expect(ko?.injects['kp-kimsuky-journalist']?.body).toContain('강은지 박사');
  });

  it('the token check would catch a translation that changed an indicator', () => {
    const inject = pack.injects.find((i) => i.id === 'kp-kimsuky-journalist');
    const t = ko?.injects['kp-kimsuky-journalist'];
    if (!inject || !t) throw new Error('missing');
    const tampered = { ...t, body: t.body?.replace('203.0.113.45', '203.0.113.46') };
    const missing = pairs(inject, tampered).flatMap(([field, source, translated]) =>
      tokens(source)
        .filter((tok) => !translated.includes(tok))
        .map((tok) => `${field}: ${tok}`),
    );
    expect(missing).toContain('body: 203.0.113.45');
  });
});
