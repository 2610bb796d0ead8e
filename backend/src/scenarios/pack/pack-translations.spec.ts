import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { ParsedFile, type PackError } from './pack-file.js';
import * as schema from './pack-schema.js';
import { Inject, type InjectTranslation, type ScenarioPack } from './pack-schema.js';
import { checkPackTranslations, localiseInject, packLanguages, type TranslationSource } from './pack-translations.js';

const inject = Inject.parse({
  id: 'phish',
  offset: 'T+00:05',
  to: ['cert'],
  channel: 'email',
  from: { name: 'IT helpdesk', organisation: 'Ministry IT' },
  subject: 'Password expiry',
  body: 'Your password expires today.',
  responseOptions: [
    { id: 'report', label: 'Report to the SOC' },
    { id: 'ignore', label: 'Ignore it' },
  ],
  expectedActions: [{ id: 'report-it', text: 'Report the phishing e-mail', points: 5, options: ['report'] }],
  decision: {
    id: 'd1',
    question: 'Block the sender domain?',
    options: [
      { id: 'yes', label: 'Yes' },
      { id: 'no', label: 'No' },
    ],
    mode: 'team',
    deadline: '00:10',
  },
});

function pack(translations?: ScenarioPack['translations']): ScenarioPack {
  return {
    language: 'en',
    injects: [inject],
    teams: [{ id: 'cert', name: 'CERT' }],
    objectives: [],
    phases: [],
    translations,
  } as unknown as ScenarioPack;
}

function source(language: string, displayPath: string, injects: Record<string, InjectTranslation>): TranslationSource {
  const text = JSON.stringify({ injects });
  const lines = new LineCounter();
  return {
    language,
    file: new ParsedFile(displayPath, parseDocument(text, { lineCounter: lines }), lines),
    content: { injects },
  };
}

describe('localiseInject', () => {
  it('replaces each translated field and names every field the player still reads in the source', () => {
    const p = pack({
      ko: {
        pack: {},
        injects: {
          phish: {
            subject: '비밀번호 만료',
            body: '오늘 비밀번호가 만료됩니다.',
            responseOptions: { report: 'SOC에 신고' },
          },
        },
      },
    });
    const { inject: out, content } = localiseInject(inject, p, 'ko');
    expect(out.subject).toBe('비밀번호 만료');
    expect(out.body).toBe('오늘 비밀번호가 만료됩니다.');
    expect(out.responseOptions.map((o) => o.label)).toEqual(['SOC에 신고', 'Ignore it']);
    expect(content.language).toBe('ko');
    expect(content.untranslated.sort()).toEqual(
      [
        'decision.options.no',
        'decision.options.yes',
        'decision.question',
        'from.name',
        'from.organisation',
        'responseOptions.ignore',
      ].sort(),
    );
    // ids, recipients, channel and timing never come from a translation
    expect({ id: out.id, to: out.to, channel: out.channel, offset: out.offset }).toEqual({
      id: 'phish',
      to: ['cert'],
      channel: 'email',
      offset: 'T+00:05',
    });
  });

  it('translates staff-only expected actions without counting them as fallbacks a player sees', () => {
    const p = pack({ ko: { pack: {}, injects: { phish: { expectedActions: { 'report-it': '피싱 메일을 신고' } } } } });
    const { inject: out, content } = localiseInject(inject, p, 'ko');
    expect(out.expectedActions[0]?.text).toBe('피싱 메일을 신고');
    expect(content.untranslated).not.toContain('expectedActions.report-it');
    // nothing a player reads is translated: the copy is said to be in the source language
    expect(content.language).toBe('en');
  });

  it('returns the source unchanged, with nothing untranslated, for the source language', () => {
    const { inject: out, content } = localiseInject(inject, pack(), 'en');
    expect(out).toBe(inject);
    expect(content).toEqual({ language: 'en', untranslated: [] });
  });
});

describe('packLanguages', () => {
  it('lists the source first, then the translations in order', () => {
    expect(
      packLanguages({ language: 'en', translations: { ko: { pack: {}, injects: {} }, ja: { pack: {}, injects: {} } } }),
    ).toEqual(['en', 'ja', 'ko']);
    expect(packLanguages({ language: undefined })).toEqual(['en']);
  });
});

describe('checkPackTranslations', () => {
  it('merges one language from several files', () => {
    const errors: PackError[] = [];
    const merged = checkPackTranslations(
      pack(),
      [source('ko', 'translations/ko/a.yaml', { phish: { subject: '비밀번호 만료' } })],
      errors,
    );
    expect(errors).toEqual([]);
    expect(merged.ko?.injects.phish?.subject).toBe('비밀번호 만료');
  });

  it('refuses, with file and field, an unknown inject, an unknown option, a second translation of one inject and a translation into the source language', () => {
    const errors: PackError[] = [];
    const merged = checkPackTranslations(
      pack(),
      [
        source('ko', 'translations/ko/a.yaml', { phish: { subject: '하나' }, ghost: { subject: '없음' } }),
        source('ko', 'translations/ko/b.yaml', { phish: { subject: '둘', responseOptions: { nope: '?' } } }),
        source('en', 'translations/en/a.yaml', { phish: { subject: 'Same' } }),
      ],
      errors,
    );
    const said = errors.map((e) => `${e.file} ${e.path}: ${e.message}`);
    expect(said).toContainEqual(
      expect.stringMatching(/^translations\/ko\/a\.yaml injects\.ghost: unknown inject "ghost"/),
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^translations\/ko\/b\.yaml injects\.phish: inject "phish" is already translated into "ko" in translations\/ko\/a\.yaml/,
      ),
    );
    expect(said).toContainEqual(
      expect.stringMatching(/^translations\/en\/a\.yaml .*"en" is the pack's source language/),
    );
    expect(errors).toHaveLength(3);
    // the first file's translation stands; the refused ones are not merged
    expect(merged.ko?.injects.phish?.subject).toBe('하나');
    expect(merged.en).toBeUndefined();
  });

  it('refuses an option the source inject does not have, and keeps that inject out of the merge', () => {
    const errors: PackError[] = [];
    const merged = checkPackTranslations(
      pack(),
      [source('ko', 'translations/ko/a.yaml', { phish: { responseOptions: { nope: '?' } } })],
      errors,
    );
    expect(errors.map((e) => e.path)).toEqual(['injects.phish.responseOptions.nope']);
    expect(errors[0]?.message).toMatch(/unknown response option "nope" \(options: report, ignore\)/);
    expect(merged.ko?.injects.phish).toBeUndefined();
  });

  it('translates the audience and core capabilities, refusing an audience the source lacks and two words for one capability', () => {
    const withObjectives = (audience?: string) => ({
      ...pack(),
      ...(audience ? { audience } : {}),
      objectives: [
        { id: 'contain', text: 'Contain it', coreCapability: 'Cyber incident response' },
        { id: 'recover', text: 'Recover', coreCapability: 'Cyber incident response' },
        { id: 'share', text: 'Share', coreCapability: 'Information sharing' },
      ],
    });
    const packPart = (p: NonNullable<TranslationSource['content']['pack']>): TranslationSource => {
      const lines = new LineCounter();
      return {
        language: 'ko',
        file: new ParsedFile(
          'translations/ko/pack.yaml',
          parseDocument(JSON.stringify({ pack: p }), { lineCounter: lines }),
          lines,
        ),
        content: { pack: p, injects: {} },
      };
    };
    const good = {
      audience: '국가 CERT 실무자',
      objectives: {
        contain: { coreCapability: '사이버 침해사고 대응' },
        recover: { text: '복구한다', coreCapability: '사이버 침해사고 대응' },
        share: { coreCapability: '정보 공유' },
      },
    };
    const ok: PackError[] = [];
    const merged = checkPackTranslations(withObjectives('National CERT staff'), [packPart(good)], ok);
    expect(ok).toEqual([]);
    expect(merged.ko?.pack.audience).toBe('국가 CERT 실무자');
    expect(merged.ko?.pack.objectives?.share?.coreCapability).toBe('정보 공유');

    const errors: PackError[] = [];
    checkPackTranslations(
      withObjectives(),
      [
        packPart({
          ...good,
          objectives: { ...good.objectives, recover: { coreCapability: '사고 대응' } },
        }),
      ],
      errors,
    );
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'pack.audience: the source names no audience to translate',
      'pack.objectives.recover.coreCapability: objectives "contain" and "recover" share the core capability "Cyber incident response" but translate it differently ("사이버 침해사고 대응", "사고 대응")',
    ]);
  });

  it('has no place for ids, channels, recipients or timing in a translation', () => {
    const { TranslationFile } = schema;
    expect(TranslationFile.safeParse({ injects: { phish: { subject: '제목', channel: 'sms' } } }).success).toBe(false);
    expect(TranslationFile.safeParse({ injects: { phish: { offset: 'T+00:10' } } }).success).toBe(false);
    expect(TranslationFile.safeParse({ injects: { phish: { to: ['soc'] } } }).success).toBe(false);
    expect(TranslationFile.safeParse({ pack: { objectives: { contain: { id: 'other' } } } }).success).toBe(false);
    expect(TranslationFile.safeParse({ pack: { duration: '02:00' } }).success).toBe(false);
  });
});
