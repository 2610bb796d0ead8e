import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { download } from '../reports/pdf-text.js';

/**
 * Why a distractor was wrong, in the reader's language: the ROK CERT of a korean-peninsula drill
 * wipes the SWIFT server before recalling the payments (a distractor); after ENDEX the player who
 * plays in Korean reads the pack's Korean explanation in the team's score breakdown and team
 * report, a teammate playing in English reads the source's, and the staff report gives each
 * edition its own.
 */
const KO_WHY = '아직 회수할 수 있는 지급 29건이 남아 있는데 증거와 SAA 저널을 지워 버립니다';
const EN_WHY = 'wipes the evidence and the SAA journal while 29 payments can still be recalled';
const KO_LABEL = 'SAA 서버를 먼저 초기화·재구축하고 나서 조사';
const EN_LABEL = 'Wipe and rebuild the SAA server first, then investigate';

interface Item {
  injectId: string;
  points: number;
  source: { rule?: string; code?: string; params?: Record<string, string | number> };
}

async function join(url: string, code: string, displayName: string, language?: string): Promise<Api> {
  const api = new Api(url);
  const r = await api.post<{ token: string }>('/join', { code, displayName, ...(language ? { language } : {}) });
  if (r.status !== 200) throw new Error(`join → ${r.status} ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return api;
}

const distractorOf = (items: Item[]) =>
  items.find((i) => i.source.code === 'distractor.penalty' && i.source.params?.option === 'rebuild-first');

describe('a distractor’s why in the reader’s language', () => {
  let app: RunningProcess;
  let staff: Api;
  let ex: ExerciseDetail;
  let rokKo: Api;
  let rokEn: Api;

  beforeAll(async () => {
    app = await startBackend(testEnv('distractor-why-language'));
    staff = await Api.login(app.url);
    ex = await createExercise(staff, 'korean-peninsula');
    const code = teamByKey(ex, 'rok-cert').joinCode ?? '';
    rokKo = await join(app.url, code, '김지우', 'ko');
    rokEn = await join(app.url, code, 'Min-jun');
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await staff.ok('POST', `/exercises/${ex.id}/injects/kp-swift-manipulation/fire`);
    await until(
      async () =>
        (await rokKo.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'kp-swift-manipulation'),
      30_000,
      'kp-swift-manipulation at the ROK CERT',
    );
    await rokKo.ok('POST', '/play/responses', {
      injectId: 'kp-swift-manipulation',
      text: 'SAA 서버를 초기화하고 재구축한 뒤 조사하겠습니다.',
      optionIds: ['rebuild-first'],
    });
    await staff.ok('POST', `/exercises/${ex.id}/score-visibility`, { scoresVisible: true });
    await staff.ok('POST', `/exercises/${ex.id}/end`);
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it("shows the team's score breakdown with the why in each player's language, the penalty unchanged", async () => {
    const ko = await rokKo.ok<{ own: { items: Item[] } }>('GET', '/play/scores');
    const en = await rokEn.ok<{ own: { items: Item[] } }>('GET', '/play/scores');
    const koItem = distractorOf(ko.own.items);
    const enItem = distractorOf(en.own.items);
    expect(koItem?.source.params?.why).toBe(KO_WHY);
    expect(enItem?.source.params?.why).toBe(EN_WHY);
    // the option each reads it under: its label in their language, the id kept beside it
    expect(koItem?.source.params).toMatchObject({ option: 'rebuild-first', label: KO_LABEL });
    expect(enItem?.source.params).toMatchObject({ option: 'rebuild-first', label: EN_LABEL });
    expect(koItem?.points).toBeLessThan(0);
    expect(koItem?.points).toBe(enItem?.points);
  });

  it('gives the team report the player’s language, in its JSON and its Markdown', async () => {
    const report = await rokKo.ok<{ scores: { teams: { items: Item[] }[] } }>('GET', '/play/report');
    expect(distractorOf(report.scores.teams[0]?.items ?? [])?.source.params?.why).toBe(KO_WHY);
    const md = (await download(app.url, rokKo.token, '/play/report/export/markdown')).text;
    // the option by its Korean label, not its id
    expect(md).toContain(`오답 선택지 "${KO_LABEL}" 선택 (−`);
    expect(md).not.toContain('"rebuild-first"');
    expect(md).toContain(KO_WHY);
    expect(md).not.toContain(EN_WHY);
    const mdEn = (await download(app.url, rokEn.token, '/play/report/export/markdown')).text;
    expect(mdEn).toContain(EN_WHY);
  });

  it('gives the Korean staff edition the Korean why and keeps the English edition as it was', async () => {
    const items = async (query: string) =>
      (
        await staff.ok<{ scores: { teams: { teamId: string; items: Item[] }[] } }>(
          'GET',
          `/exercises/${ex.id}/report${query}`,
        )
      ).scores.teams.flatMap((t) => t.items);
    expect(distractorOf(await items('?language=ko'))?.source.params?.why).toBe(KO_WHY);
    expect(distractorOf(await items(''))?.source.params?.why).toBe(EN_WHY);
    const md = (await download(app.url, staff.token, `/exercises/${ex.id}/report/export/markdown?language=ko`)).text;
    expect(md).toContain(KO_WHY);
    expect(md).not.toContain(EN_WHY);
  });
});
