import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/app-process.js';

/** The interface's message files: every English key has its Korean, with the same placeholders. */
const LOCALES = join(REPO_ROOT, 'frontend', 'src', 'i18n', 'locales');
type Tree = { [k: string]: string | string[] | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (Array.isArray(v)) v.forEach((s, i) => out.set(`${key}.${i}`, s));
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}
const load = (lng: string, ns: string) => flatten(JSON.parse(readFileSync(join(LOCALES, lng, ns), 'utf8')) as Tree);
// plural forms differ by language (English: _one/_other; Korean: _other only): compared by their base key
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
const tags = (s: string) => [...s.matchAll(/<(\w+)>/g)].map((m) => m[1]).sort();

describe('interface translations', () => {
  const namespaces = readdirSync(join(LOCALES, 'en')).filter((f) => f.endsWith('.json'));

  it('has namespaces to compare', () => {
    expect(namespaces).toContain('common.json');
    expect(namespaces.length).toBeGreaterThan(3);
  });

  for (const ns of namespaces) {
    it(`${ns}: Korean has every English message and no other, with the same placeholders and tags`, () => {
      const en = load('en', ns);
      const ko = load('ko', ns);
      const enBases = new Set([...en.keys()].map(base));
      const koBases = new Set([...ko.keys()].map(base));
      expect(
        [...enBases].filter((k) => !koBases.has(k)),
        'missing in Korean',
      ).toEqual([]);
      expect(
        [...koBases].filter((k) => !enBases.has(k)),
        'only in Korean',
      ).toEqual([]);
      const mismatched: string[] = [];
      for (const [k, v] of ko) {
        const english = en.get(k) ?? en.get(`${base(k)}_other`) ?? en.get(base(k)) ?? '';
        if (placeholders(v).join() !== placeholders(english).join() || tags(v).join() !== tags(english).join())
          mismatched.push(`${k}: "${v}" vs "${english}"`);
        if (v.trim() === '') mismatched.push(`${k}: empty`);
      }
      expect(mismatched).toEqual([]);
    });
  }

  it('uses one Korean word for the consensus "block" position, for players, the control room and the pack', () => {
    const word = load('ko', 'play.json').get('decision.block');
    expect(word).toBe('거부');
    expect(load('ko', 'control.json').get('decisions.special.block')).toBe(word);
    // the pack's Korean briefings and expected actions call it the same ("거부 투표", "거부하는 대표단")
    const pack = join(REPO_ROOT, 'injects', 'korean-peninsula', 'translations', 'ko');
    const text = readdirSync(pack)
      .map((f) => readFileSync(join(pack, f), 'utf8'))
      .join('\n');
    expect(text).toContain(`${word} 투표`);
    expect(text).not.toMatch(/거부권 행사|거부\(반대\)/);
  });
});
