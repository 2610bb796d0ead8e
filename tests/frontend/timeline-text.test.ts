import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeTimelineEntry as serverSentence } from '../../backend/src/reports/report-timeline-text.js';
import { REPORT_MESSAGES } from '../../backend/src/reports/report-messages.js';
import type { TimelineEntry } from '../../backend/src/reports/report-model.js';
import { describeTimelineEntry, type TimelineNames } from '../../frontend/src/features/review/lib/timeline-text.js';
import { REPO_ROOT } from '../support/app-process.js';

/**
 * The report page words the timeline from the interface's message files; the exports word it on
 * the server. The same entry reads the same in both, in English and in Korean.
 */
const LOCALES = join(REPO_ROOT, 'frontend', 'src', 'i18n', 'locales');
const review = (lng: string) => JSON.parse(readFileSync(join(LOCALES, lng, 'review.json'), 'utf8')) as object;

const names: TimelineNames = {
  team: (id) => ({ blue: 'Blue SOC', red: 'Legal' })[id] ?? id,
  inject: (id) => `Subject of ${id}`,
  decision: (id) => `Question ${id}?`,
  option: (owner, id) => `${owner}:${id}`,
  objective: (id) => `Objective ${id}`,
};

let n = 0;
const entry = (type: string, more: Partial<TimelineEntry> = {}): TimelineEntry =>
  ({
    eventId: ++n,
    at: 0,
    scenarioMs: 0,
    kind: 'other',
    type,
    actor: 'alice',
    teamIds: ['blue'],
    injectId: 'inj-1',
    decisionId: null,
    detail: null,
    ...more,
  }) as TimelineEntry;

const ENTRIES: TimelineEntry[] = [
  entry('exercise.started', { actor: 'exercise control', teamIds: [], injectId: null }),
  entry('exercise.speed-changed', { detail: { to: 2 }, teamIds: [], injectId: null }),
  entry('exercise.clock-reanchored', { actor: 'system', teamIds: [], injectId: null }),
  entry('inject.delivered', { teamIds: ['blue', 'red'], actor: 'system' }),
  entry('inject.delivered', { detail: { late: true, latenessMs: 1234 } }),
  entry('inject.delivered', { detail: { late: true, latenessMs: 185_000 } }),
  entry('inject.delivered', { detail: { late: true }, teamIds: [] }),
  entry('inject.fired'),
  entry('inject.skipped'),
  entry('inject.adhoc-created'),
  entry('inject.released'),
  entry('participant.joined'),
  entry('participant.removed'),
  entry('team.join-code-rotated'),
  entry('team.seat-limit-changed', { detail: { seatLimit: 4 } }),
  entry('team.seat-limit-changed'),
  entry('inject.acknowledged', { teamIds: [] }),
  entry('response.logged'),
  entry('response.logged', { detail: { optionIds: ['a', 'b'] } }),
  entry('response.edited'),
  entry('thread.opened', { detail: { to: 'Exercise control', subject: 'Logs?' } }),
  entry('thread.opened', { detail: { to: 'Legal', subject: 'Notify?' } }),
  entry('thread.message', { detail: { sender: 'control', authorName: 'Bob' } }),
  entry('thread.message', { detail: { sender: 'control' } }),
  entry('thread.message', { detail: { sender: 'team' } }),
  entry('journal.note', { detail: { text: 'x'.repeat(300) } }),
  entry('settings.changed'),
  entry('decision.opened', { decisionId: 'd1', teamIds: ['blue', 'red'] }),
  entry('decision.vote', { decisionId: 'd1', detail: { choice: 'pay' } }),
  entry('decision.vote', { decisionId: 'd1', detail: { choice: 'block', reason: 'Legal advice' } }),
  entry('decision.closed', { decisionId: 'd1', detail: { outcome: 'pay' } }),
  entry('decision.closed', { decisionId: 'd1', detail: { outcome: 'pay', forced: true }, actor: 'exercise control' }),
  entry('decision.closed', { decisionId: 'd1' }),
  entry('decision.extended', { decisionId: 'd1' }),
  entry('evaluation.recorded', { detail: { met: true } }),
  entry('evaluation.recorded', { detail: { met: false } }),
  entry('score.adjusted', { detail: { points: -2 } }),
  entry('objective.rated', { detail: { rating: 'S', objectiveId: 'o1' } }),
  entry('something.new'),
];

describe('timeline sentences on the report page', () => {
  for (const lng of ['en', 'ko'] as const) {
    it(`read as the exports' in ${lng}`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng,
        resources: { [lng]: { review: review(lng) } },
        interpolation: { escapeValue: false },
      });
      const t = i18n.getFixedT(lng, 'review');
      const page = ENTRIES.map((e) => describeTimelineEntry(e, names, t));
      const exports = ENTRIES.map((e) => serverSentence(e, names, REPORT_MESSAGES[lng]));
      expect(page).toEqual(exports);
      if (lng === 'ko') expect(page.every((s, i) => s === ENTRIES[i]?.type || /[\uac00-\ud7a3]/.test(s))).toBe(true);
    });
  }
});
