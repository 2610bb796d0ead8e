import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { download, pdfText } from '../reports/pdf-text.js';

/**
 * Scenario content in the player's language: chosen at join, changeable, delivered with a marker
 * of what fell back to the source; staff see source and translation side by side. The demo pack
 * ships a Korean translation (injects/demo/translations/ko).
 */
interface PlayerInject {
  id: string;
  subject: string;
  body: string;
  from: { name: string; organisation?: string };
  responseOptions: { id: string; label: string }[];
  decision: { question: string; options: { id: string; label: string }[] } | null;
  content: { language: string; untranslated: string[] };
}

async function join(url: string, code: string, displayName: string, language?: string): Promise<Api> {
  const api = new Api(url);
  const r = await api.post<{ token: string }>('/join', { code, displayName, ...(language ? { language } : {}) });
  if (r.status !== 200) throw new Error(`join → ${r.status} ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return api;
}

describe('scenario content in the player’s language', () => {
  let app: RunningProcess;
  let staff: Api;
  let ex: ExerciseDetail;
  let socKo: Api;
  let certEn: Api;

  beforeAll(async () => {
    app = await startBackend(testEnv('languages'));
    staff = await Api.login(app.url);
    ex = await createExercise(staff, 'demo');
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a language the pack does not offer, naming the ones it does', async () => {
    const r = await new Api(app.url).post<{ code: string; message: string }>('/join', {
      code: teamByKey(ex, 'soc').joinCode,
      displayName: 'x',
      language: 'fr',
    });
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toBe(
      `language: this exercise's content is available in en, ko; "fr" is not one of them`,
    );
    const bad = await new Api(app.url).post('/join', {
      code: teamByKey(ex, 'soc').joinCode,
      displayName: 'x',
      language: 'korean',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/language/);
  });

  it('tells the join page which languages the scenario offers', async () => {
    const preview = await new Api(app.url).get<{
      languages: string[];
      teamName: string;
      translated: Record<string, { exerciseTitle: string; teamName: string }>;
    }>(`/join/preview/${encodeURIComponent(teamByKey(ex, 'soc').joinCode ?? '')}`);
    expect(preview.status).toBe(200);
    expect(preview.body.languages).toEqual(['en', 'ko']);
    expect(preview.body.teamName).toBe('Port operator SOC');
    // the names in Korean for a player who picks it, and only this team's: nothing of the other teams
    expect(preview.body.translated).toEqual({
      ko: { exerciseTitle: '데모: 지역 항만운영사 랜섬웨어 사고', teamName: '항만운영사 보안관제센터(SOC)' },
    });
  });

  it('takes the language at join (default: the source) and answers the session in it', async () => {
    socKo = await join(app.url, teamByKey(ex, 'soc').joinCode ?? '', '김민준', 'ko');
    certEn = await join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'Alex');
    const ko = await socKo.ok('GET', '/play/session');
    expect(ko.participant.language).toBe('ko');
    expect(ko.languages).toEqual(['en', 'ko']);
    expect(ko.team.name).toBe('항만운영사 보안관제센터(SOC)');
    expect(ko.exercise.title).toBe('데모: 지역 항만운영사 랜섬웨어 사고');
    const en = await certEn.ok('GET', '/play/session');
    expect(en.participant.language).toBe('en');
    expect(en.team.name).toBe('National CERT');
    const seats = await staff.ok<{ displayName: string; language: string }[]>(
      'GET',
      `/exercises/${ex.id}/participants`,
    );
    expect(Object.fromEntries(seats.map((s) => [s.displayName, s.language]))).toEqual({ 김민준: 'ko', Alex: 'en' });
  });

  it('delivers injects, options and decisions in the player’s language, marks fallbacks, and lets the player switch', async () => {
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await staff.ok('POST', `/exercises/${ex.id}/injects/ransom-note/fire`);
    await until(
      async () => (await socKo.ok<PlayerInject[]>('GET', '/play/injects')).some((i) => i.id === 'ransom-note'),
      30_000,
      'ransom-note at the SOC',
    );
    const phish = await socKo.ok<PlayerInject>('GET', '/play/injects/phish-email');
    expect(phish.subject).toBe('연체 청구서 HL-20931 – 조치 요망');
    expect(phish.responseOptions.find((o) => o.id === 'quarantine')?.label).toBe('모든 사서함에서 해당 메일 격리');
    expect(phish.content).toEqual({ language: 'ko', untranslated: [] });
    const ransom = await socKo.ok<PlayerInject>('GET', '/play/injects/ransom-note');
    expect(ransom.decision?.question).toBe('지금 공동 대외 발표문을 낼 것인가?');
    expect(ransom.decision?.options.map((o) => o.label)).toEqual(['지금 공동 발표문 발표', '포렌식 보고서를 기다림']);
    const decisions = await socKo.ok<
      { question: string; options: { label: string }[]; content: { language: string } }[]
    >('GET', '/play/decisions');
    expect(decisions[0]?.question).toBe('지금 공동 대외 발표문을 낼 것인가?');
    expect(decisions[0]?.content.language).toBe('ko');
    // staff-only translation fields never reach a player
    expect(JSON.stringify(decisions)).not.toContain('translations');

    // the English-speaking player of another team reads the source
    await until(
      async () => (await certEn.ok<PlayerInject[]>('GET', '/play/injects')).some((i) => i.id === 'ransom-note'),
      30_000,
      'ransom-note at the CERT',
    );
    const ransomEn = await certEn.ok<PlayerInject>('GET', '/play/injects/ransom-note');
    expect(ransomEn.subject).toBe('SITREP 2: ransom note found, 1.2 BTC demanded');
    expect(ransomEn.content).toEqual({ language: 'en', untranslated: [] });

    // switching changes nothing but the language
    const switched = await socKo.request('PUT', '/play/language', { language: 'en' });
    expect(switched.status).toBe(200);
    expect((switched.body as { participant: { language: string } }).participant.language).toBe('en');
    expect((await socKo.ok<PlayerInject>('GET', '/play/injects/phish-email')).subject).toBe(
      'Overdue invoice HL-20931 – action required',
    );
    expect((await socKo.request('PUT', '/play/language', { language: 'fr' })).status).toBe(400);
    expect((await socKo.request('PUT', '/play/language', { language: 'ko', team: 'cert' })).status).toBe(400);
    await socKo.request('PUT', '/play/language', { language: 'ko' });
    expect((await socKo.ok<PlayerInject>('GET', '/play/injects/phish-email')).subject).toBe(
      '연체 청구서 HL-20931 – 조치 요망',
    );
    expect((await socKo.ok('GET', '/play/session')).team.key).toBe('soc');

    // an ad-hoc inject has no translation: the Korean player reads the source, and the copy says so
    await staff.ok('POST', `/exercises/${ex.id}/adhoc-injects`, {
      channel: 'chat',
      from: { name: 'Control' },
      subject: 'Ad-hoc check',
      body: 'Are you there?',
      to: [teamByKey(ex, 'soc').id],
    });
    await until(
      async () => (await socKo.ok<PlayerInject[]>('GET', '/play/injects')).some((i) => i.subject === 'Ad-hoc check'),
      30_000,
      'the ad-hoc inject',
    );
    const adhoc = (await socKo.ok<PlayerInject[]>('GET', '/play/injects')).find((i) => i.subject === 'Ad-hoc check');
    expect(adhoc?.content.language).toBe('en');
    expect(adhoc?.content.untranslated).toEqual(expect.arrayContaining(['subject', 'body', 'from.name']));
  }, 120_000);

  it('shows staff the source and the translation the player chose from, side by side', async () => {
    await socKo.ok('POST', '/play/responses', {
      injectId: 'phish-email',
      text: '전 사서함에서 격리했습니다.',
      optionIds: ['quarantine'],
    });
    const feed = await staff.ok<{
      items: {
        text: string;
        authorLanguage: string;
        optionLabels: string[];
        translated: { language: string; optionLabels: string[]; untranslated: string[] } | null;
      }[];
    }>('GET', `/exercises/${ex.id}/responses`);
    const item = feed.items.find((i) => i.text === '전 사서함에서 격리했습니다.');
    expect(item?.authorLanguage).toBe('ko');
    expect(item?.optionLabels).toEqual(['Quarantine the email across all mailboxes']);
    expect(item?.translated).toEqual({
      language: 'ko',
      optionLabels: ['모든 사서함에서 해당 메일 격리'],
      voteLabel: null,
      untranslated: [],
    });

    const queue = await staff.ok<{
      items: {
        response: { text: string; authorLanguage: string };
        inject: {
          subject: string;
          sourceLanguage: string;
          translations: Record<string, { subject?: string; expectedActions?: Record<string, string> }>;
        } | null;
      }[];
    }>('GET', `/exercises/${ex.id}/evaluation/queue`);
    const q = queue.items.find((i) => i.response.text === '전 사서함에서 격리했습니다.');
    expect(q?.response.authorLanguage).toBe('ko');
    expect(q?.inject?.subject).toBe('Overdue invoice HL-20931 – action required');
    expect(q?.inject?.sourceLanguage).toBe('en');
    expect(q?.inject?.translations.ko?.subject).toBe('연체 청구서 HL-20931 – 조치 요망');
    expect(q?.inject?.translations.ko?.expectedActions?.['quarantine-mail']).toBe(
      '메일을 격리하고 발신 도메인을 차단한다',
    );

    const timeline = await staff.ok<
      {
        injectId: string;
        subject: string;
        subjectTranslations: Record<string, string>;
        untranslated: Record<string, string[]>;
      }[]
    >('GET', `/exercises/${ex.id}/timeline`);
    expect(timeline.find((t) => t.injectId === 'wrap-up')?.subjectTranslations).toEqual({
      ko: '상황보고 3: 백업으로 복구 진행 중',
    });
    // staff see where a Korean player falls back to the source: nowhere in the demo pack, everywhere in an ad-hoc inject
    expect(timeline.find((t) => t.injectId === 'phish-email')?.untranslated).toEqual({ ko: [] });
    expect(timeline.find((t) => t.subject === 'Ad-hoc check')?.untranslated.ko).toEqual(
      expect.arrayContaining(['subject', 'body']),
    );
    const decisions = await staff.ok<{ question: string; translations: Record<string, { question?: string }> }[]>(
      'GET',
      `/exercises/${ex.id}/decisions`,
    );
    expect(decisions[0]?.question).toBe('Do we issue a joint public statement now?');
    expect(decisions[0]?.translations.ko?.question).toBe('지금 공동 대외 발표문을 낼 것인가?');
  });

  it("never gives a player another team's or a future inject through its translation", async () => {
    // cert-advisory (CERT only, T+00:10) and wrap-up (all, T+00:50) have Korean translations but have not reached the SOC
    const all = JSON.stringify([
      await socKo.ok('GET', '/play/injects'),
      await socKo.ok('GET', '/play/session'),
      await socKo.ok('GET', '/play/decisions'),
    ]);
    for (const secret of [
      '역내 항만운영사를 노리는 Maui 랜섬웨어',
      '해운 ISAC',
      '상황보고 3',
      '백업에서 복구',
      '메일을 격리하고 발신 도메인을 차단한다',
      'cert-advisory',
      'wrap-up',
      '국가 CERT',
    ]) {
      expect(all, `the Korean SOC player sees "${secret}"`).not.toContain(secret);
    }
    expect((await socKo.get('/play/injects/cert-advisory')).status).toBe(404);
    expect((await socKo.get('/play/injects/wrap-up')).status).toBe(404);
  });

  it('gives the Korean player the team report in Korean (the PDF prints Hangul), and the English player the source', async () => {
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    const report = await socKo.ok('GET', '/play/report');
    expect(report.overview.pack.title).toBe('데모: 지역 항만운영사 랜섬웨어 사고');
    expect(report.overview.teams.map((t: { name: string }) => t.name)).toEqual(['항만운영사 보안관제센터(SOC)']);
    const phish = report.overview.injects.find((i: { id: string }) => i.id === 'phish-email');
    expect(phish.subject).toBe('연체 청구서 HL-20931 – 조치 요망');
    expect(phish.options.find((o: { id: string }) => o.id === 'quarantine').label).toBe(
      '모든 사서함에서 해당 메일 격리',
    );
    expect(report.decisions[0]?.question).toBe('지금 공동 대외 발표문을 낼 것인가?');
    expect(report.objectives.map((o: { text: string }) => o.text)).toContain(
      '랜섬웨어가 터미널 운영 시스템(TOS)에 이르기 전에 차단한다.',
    );
    // what the player wrote stays as written
    expect(JSON.stringify(report.responses)).toContain('전 사서함에서 격리했습니다.');
    const pdf = await download(app.url, socKo.token, '/play/report/export/pdf');
    expect(pdf.status).toBe(200);
    const text = (await pdfText(pdf.bytes)).text.replace(/\s+/g, '');
    for (const korean of [
      '항만운영사보안관제센터(SOC)',
      '데모:지역항만운영사랜섬웨어사고',
      '연체청구서HL-20931–조치요망',
      '지금공동대외발표문을낼것인가?',
      '모든사서함에서해당메일격리',
    ])
      expect(text, `the PDF prints “${korean}”`).toContain(korean);
    // the English-speaking CERT player gets the source, and nothing of the SOC's
    const en = JSON.stringify(await certEn.ok('GET', '/play/report'));
    expect(en).toContain('National CERT');
    expect(en).not.toContain('데모');
    expect(en).not.toContain('연체 청구서');
  }, 120_000);
});
