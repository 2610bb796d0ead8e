import { mkdirSync, writeFileSync } from 'node:fs';
import { join as pathJoin } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_MESSAGES } from '../../backend/src/reports/report-messages.js';
import { Api, createExercise, type ExerciseDetail, teamByKey } from '../support/api-client.js';
import { type RunningProcess, startBackend, testEnv } from '../support/app-process.js';
import { until } from '../support/socket-client.js';
import { download, pdfText } from './pdf-text.js';

/**
 * The after-action report and improvement plan handed out in either language: a short demo drill
 * with one Korean-speaking team (SOC) and one English-speaking team (CERT); the staff report in
 * Korean has Korean headings, labels and sentences and the scenario's Korean words, in English it
 * stays as it was; what players wrote is shown as written, marked with the language they wrote it in.
 */
const ARTIFACTS = pathJoin(import.meta.dirname, '..', '.artifacts');
const EN = REPORT_MESSAGES.en;
const KO = REPORT_MESSAGES.ko;
const KO_RESPONSE = '전 사서함에서 격리했습니다.';
const EN_RESPONSE = 'We will hold the statement until forensics report.';
const KO_RFI = '감염된 단말 목록을 공유해 주실 수 있습니까?';
const KO_HOTWASH = '부서 간 협조가 잘 되었습니다.';
const KO_OBSERVATION = '격리 지시가 예약 서버 감염 뒤에야 내려졌음';

async function join(url: string, code: string, displayName: string, language?: string): Promise<Api> {
  const api = new Api(url);
  const r = await api.post<{ token: string }>('/join', { code, displayName, ...(language ? { language } : {}) });
  if (r.status !== 200) throw new Error(`join → ${r.status} ${JSON.stringify(r.body)}`);
  api.token = r.body.token;
  return api;
}

/** Headings of the English frame: none may be left in a Korean edition. */
const ENGLISH_HEADINGS = [
  ...Object.values(EN.sections),
  EN.strengths,
  EN.improvements,
  EN.overview.participatingTeams,
  'After-Action Report',
];

describe('the after-action report in either language', () => {
  let app: RunningProcess;
  let staff: Api;
  let ex: ExerciseDetail;
  let socKo: Api;
  let certEn: Api;

  beforeAll(async () => {
    app = await startBackend(testEnv('report-language'));
    staff = await Api.login(app.url);
    ex = await createExercise(staff, 'demo');
    socKo = await join(app.url, teamByKey(ex, 'soc').joinCode ?? '', '김민준', 'ko');
    certEn = await join(app.url, teamByKey(ex, 'cert').joinCode ?? '', 'Alex');
    await staff.ok('POST', `/exercises/${ex.id}/start`);
    await staff.ok('POST', `/exercises/${ex.id}/injects/ransom-note/fire`);
    await until(
      async () => (await socKo.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'phish-email'),
      30_000,
      'phish-email at the SOC',
    );
    await until(
      async () => (await certEn.ok<{ id: string }[]>('GET', '/play/injects')).some((i) => i.id === 'ransom-note'),
      30_000,
      'ransom-note at the CERT',
    );
    await socKo.ok('POST', '/play/responses', {
      injectId: 'phish-email',
      text: KO_RESPONSE,
      optionIds: ['quarantine'],
    });
    await certEn.ok('POST', '/play/responses', { injectId: 'ransom-note', text: EN_RESPONSE, optionIds: [] });
    await socKo.ok('POST', '/play/threads', { subject: '감염 단말 목록 요청', text: KO_RFI });
    await staff.ok('POST', `/exercises/${ex.id}/improvement-plan`, {
      issue: 'Phishing triage took too long',
      correctiveAction: 'Rehearse the mail quarantine playbook',
      capabilityElement: 'training',
      organisation: 'Port SOC',
      status: 'in-progress',
    });
    // an evaluator's rating and mark, in their own words: the drafted findings quote them as written
    await staff.ok('POST', `/exercises/${ex.id}/ratings`, {
      teamId: teamByKey(ex, 'soc').id,
      objectiveId: 'obj-contain',
      rating: 'M',
      observations: KO_OBSERVATION,
    });
    await staff.ok('POST', `/exercises/${ex.id}/end`);
    // the Korean player switches to English after the drill: what they wrote stays marked Korean
    await socKo.ok('POST', '/play/hotwash', { ratings: { realism: 4 }, answers: { 'went-well': KO_HOTWASH } });
    await socKo.request('PUT', '/play/language', { language: 'en' });
  }, 180_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('refuses a language the exercise cannot be read in, naming it', async () => {
    const fr = await staff.get<{ message: string }>(`/exercises/${ex.id}/report?language=fr`);
    expect(fr.status).toBe(400);
    expect(fr.body.message).toContain('"fr"');
    expect(fr.body.message).toContain('en, ko');
    for (const path of [
      `/report/export/pdf?language=fr`,
      `/improvement-plan/export/markdown?language=fr`,
      `/report/export/markdown?language=korean!`,
    ]) {
      const r = await staff.get<{ message: string }>(`/exercises/${ex.id}${path}`);
      expect(r.status, path).toBe(400);
      expect(r.body.message, path).toMatch(/language/);
    }
  });

  it('serves the staff report JSON with the scenario in Korean and every response, RFI and hotwash answer marked with its language', async () => {
    const ko = await staff.ok('GET', `/exercises/${ex.id}/report?language=ko`);
    expect(ko.overview.pack.title).toBe('데모: 지역 항만운영사 랜섬웨어 사고');
    expect(ko.overview.injects.find((i: { id: string }) => i.id === 'phish-email').subject).toBe(
      '연체 청구서 HL-20931 – 조치 요망',
    );
    // the pack's audience, core capabilities and expected actions (the scoring keys) in Korean too
    expect(ko.overview.scope.audience).toBe('국가 CERT, 주요기반시설 보안관제센터(SOC), 홍보실');
    expect(ko.overview.coreCapabilities).toEqual([
      '사이버 침해사고 대응',
      '정보 및 첩보 공유',
      '대국민 정보 제공 및 경보',
    ]);
    expect(ko.overview.objectives.map((o: { coreCapability: string }) => o.coreCapability)).toEqual(
      ko.overview.coreCapabilities,
    );
    expect(ko.objectives.find((o: { objectiveId: string }) => o.objectiveId === 'obj-share').coreCapability).toBe(
      '정보 및 첩보 공유',
    );
    const actions = ko.scores.expectedActions as { injectId: string; id: string; text: string }[];
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) expect(a.text, `${a.injectId}/${a.id}`).toMatch(/[가-힣]/);
    expect(actions.find((a) => a.id === 'quarantine-mail')?.text).toBe('메일을 격리하고 발신 도메인을 차단한다');
    expect(ko.hotwash.questions.find((q: { id: string }) => q.id === 'went-well').text).toBe(
      KO.hotwashQuestions['went-well'],
    );
    const byText = Object.fromEntries(
      ko.responses.map((r: { text: string; language: string }) => [r.text, r.language]),
    );
    expect(byText).toEqual({ [KO_RESPONSE]: 'ko', [EN_RESPONSE]: 'en' });
    expect(ko.rfis[0].messages[0]).toMatchObject({ text: KO_RFI, language: 'ko' });
    expect(ko.hotwash.comments).toEqual([
      { questionId: 'went-well', teamId: teamByKey(ex, 'soc').id, text: KO_HOTWASH, language: 'ko' },
    ]);
    // the findings the report drafted, in Korean (the evaluator's words as written), with their codes for the page
    expect(ko.findings.drafted).toBe(true);
    const koFindings = [...ko.findings.strengths, ...ko.findings.improvements] as {
      text: string;
      draft?: { code: string };
    }[];
    expect(koFindings.length).toBeGreaterThan(0);
    for (const f of koFindings) expect(f.text, f.text).toMatch(/[가-힣]/);
    expect(koFindings.map((f) => f.text)).toContain(
      `항만운영사 보안관제센터(SOC) — 랜섬웨어가 터미널 운영 시스템(TOS)에 이르기 전에 차단한다: 중대한 어려움 속 수행(M) — ${KO_OBSERVATION}`,
    );
    expect(koFindings.every((f) => f.draft !== undefined)).toBe(true);
    const en = await staff.ok('GET', `/exercises/${ex.id}/report`);
    const enFindings = [...en.findings.strengths, ...en.findings.improvements] as { text: string; draft?: unknown }[];
    expect(enFindings.map((f) => f.draft)).toHaveLength(koFindings.length);
    expect(enFindings.map((f) => f.text).join('\n')).not.toMatch(/중대한 어려움|대응 목표 시간/);
    expect(en.overview.pack.title).toBe('Demo: ransomware at a regional port operator');
    expect(en.overview.coreCapabilities).toContain('Intelligence and information sharing');
    expect(en.scores.expectedActions.find((a: { id: string }) => a.id === 'quarantine-mail').text).toBe(
      'Quarantine the message and block the sender domain',
    );
    expect(en.responses.map((r: { language: string }) => r.language).sort()).toEqual(['en', 'ko']);
    // the same report in English whether asked for or by default
    expect((await staff.ok('GET', `/exercises/${ex.id}/report?language=en`)).overview.pack.title).toBe(
      en.overview.pack.title,
    );
  });

  it('writes the Markdown in Korean: Korean headings, labels and sentences, no English frame left, words as written and marked', async () => {
    const md = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/markdown?language=ko`);
    expect(md.status).toBe(200);
    expect(md.disposition).toContain('-ko.md');
    const text = md.text;
    expect(text).toContain('# 사후검토 보고서: ');
    for (const heading of Object.values(KO.sections)) expect(text, `heading “${heading}”`).toContain(`## ${heading}`);
    expect(text).toContain(`### ${KO.strengths}`);
    expect(text).toContain(`### ${KO.improvements}`);
    for (const english of ENGLISH_HEADINGS)
      expect(text, `English heading “${english}” left`).not.toMatch(
        new RegExp(`^#+ ${english.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'),
      );
    // HSEEP ratings, built sentences, improvement plan, dates in KST
    expect(text).toContain('P = 문제없이 수행');
    expect(text).toContain(`${KO.coreCapabilityLine}: **정보 및 첩보 공유**`);
    expect(text).toContain('국가 CERT, 주요기반시설 보안관제센터(SOC), 홍보실');
    expect(text).not.toContain('Intelligence and information sharing');
    expect(text).toMatch(/상황 메시지 “연체 청구서 HL-20931 – 조치 요망” 전달 → 항만운영사 보안관제센터\(SOC\)/);
    expect(text).toContain(`| \\# | ${KO.planHeaders.issue} | ${KO.planHeaders.correctiveAction} |`);
    expect(text).toContain('| 교육 |');
    expect(text).toContain('| 진행 중 |');
    expect(text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} KST/);
    expect(text).not.toMatch(/\d{2}:\d{2}:\d{2} UTC/);
    // what people wrote, as written, with the language marked (Markdown escapes the brackets)
    expect(text).toContain(`\\[한국어\\] ${KO_RESPONSE}`);
    expect(text).toContain(`\\[English\\] ${EN_RESPONSE}`);
    expect(text).toContain(`[한국어] ${KO_RFI}`);
    expect(text).toContain(`[한국어] ${KO_HOTWASH}`);
    expect(text).toContain(`**${KO.hotwashQuestions['went-well']}**`);
    // the drafted findings in Korean sentences, the evaluator's observation as written
    expect(text).toContain(`중대한 어려움 속 수행(M) — ${KO_OBSERVATION}`);
    expect(text).not.toMatch(/injects with a response target|within their response target/);
    // the score breakdown names each rule in Korean, not in the engine's English sentence
    expect(text).toMatch(/아직 대응 없음|아직 선택되지 않음|평가관 판단 필요|첫 대응까지|대응 선택지 "/);
    expect(text).not.toMatch(/chosen yet|no response yet|judgement call|first response after|response option "/);
  });

  it('keeps the English Markdown as it was, with the language marks added', async () => {
    const md = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/markdown`);
    expect(md.status).toBe(200);
    expect(md.disposition).not.toContain('-ko');
    for (const heading of Object.values(EN.sections)) expect(md.text).toContain(`## ${heading}`);
    expect(md.text).toContain('# After-Action Report: ');
    expect(md.text).toContain('Inject “Overdue invoice HL-20931 – action required” delivered to Port operator SOC');
    expect(md.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(md.text).not.toMatch(/사후검토|강점|개선계획/);
    expect(md.text).toContain(`\\[한국어\\] ${KO_RESPONSE}`);
  });

  it('prints the Korean PDF with Korean headings and Hangul words as written', async () => {
    const pdf = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/pdf?language=ko`);
    expect(pdf.status).toBe(200);
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(pathJoin(ARTIFACTS, 'report-ko.pdf'), pdf.bytes);
    const text = (await pdfText(pdf.bytes)).text.replace(/\s+/g, '');
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const korean of [
      '사후검토보고서',
      ...Object.values(KO.sections),
      KO.strengths,
      KO.improvements,
      KO.planHeaders.correctiveAction,
      '문제없이수행',
      '[한국어]',
      KO_RESPONSE,
      KO_RFI,
      KO_HOTWASH,
      '데모:지역항만운영사랜섬웨어사고',
    ])
      expect(text, `the PDF prints “${korean}”`).toContain(squash(korean));
    for (const english of ENGLISH_HEADINGS)
      expect(text, `English heading “${english}” left in the Korean PDF`).not.toContain(squash(english));
    const en = (
      await pdfText((await download(app.url, staff.token, `/exercises/${ex.id}/report/export/pdf`)).bytes)
    ).text.replace(/\s+/g, '');
    for (const english of Object.values(EN.sections)) expect(en).toContain(squash(english));
    expect(en).not.toContain('사후검토');
  }, 60_000);

  it('hands out the CSV exports and the improvement plan in Korean', async () => {
    const csv = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/responses-csv?language=ko`);
    expect(csv.text.split('\r\n')[0]).toBe(KO.csv.responses.join(','));
    expect(csv.text).toContain(`${KO_RESPONSE},`);
    const csvEn = await download(app.url, staff.token, `/exercises/${ex.id}/report/export/responses-csv`);
    expect(csvEn.text.split('\r\n')[0]).toBe(EN.csv.responses.join(','));
    const plan = await download(
      app.url,
      staff.token,
      `/exercises/${ex.id}/improvement-plan/export/markdown?language=ko`,
    );
    expect(plan.text).toMatch(/^# 개선계획: /);
    expect(plan.text).toContain('| 교육 |');
    const planPdf = await download(app.url, staff.token, `/exercises/${ex.id}/improvement-plan/export/pdf?language=ko`);
    expect((await pdfText(planPdf.bytes)).text.replace(/\s+/g, '')).toContain('개선계획');
  }, 60_000);

  it('gives the team edition the player’s language for its frame too', async () => {
    await socKo.request('PUT', '/play/language', { language: 'ko' });
    const md = await download(app.url, socKo.token, '/play/report/export/markdown');
    expect(md.status).toBe(200);
    expect(md.text).toContain('# 사후검토 보고서 — 항만운영사 보안관제센터(SOC) (팀용)');
    expect(md.text).toContain(`## ${KO.sections.metrics}`);
    expect(md.text).not.toContain(`## ${EN.sections.metrics}`);
    // still only this team's: the CERT's words never appear
    expect(md.text).not.toContain(EN_RESPONSE);
    const en = await download(app.url, certEn.token, '/play/report/export/markdown');
    expect(en.text).toContain('# After-Action Report — National CERT (player edition)');
  });
});
