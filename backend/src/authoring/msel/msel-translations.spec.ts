import { describe, expect, it } from 'vitest';
import { previewMsel } from './msel-preview.js';

const csv = (rows: string[]) => Buffer.from(rows.join('\r\n'));

describe('MSEL translation rows (Language column)', () => {
  it('reads rows in another language as translations of the inject with the same id, never as injects', async () => {
    const p = await previewMsel(
      csv([
        'Inject ID,Scenario Time,Inject Mode,Subject,Message,Expected Player Action,Decision,Language',
        'vote,T+00:10,email,Block the domain?,Decide now,"block-it: Block the sender domain (10 pts)","{id: d1, question: Block?, options: [{id: yes, label: Yes}, {id: no, label: No}], mode: team, deadline: \'00:10\'}",en',
        'vote,T+05:00,sms,도메인 차단?,지금 결정하십시오,"block-it: 발신 도메인을 차단한다","{question: 차단합니까?, options: {yes: 예, no: 아니요}}",ko',
      ]),
      { fileName: 'msel.csv', packId: 'vote' },
    );
    expect(p.pack.injects.map((i) => [i.id, i.offset, i.channel])).toEqual([['vote', 'T+00:10', 'email']]);
    expect(p.pack.translations?.ko?.injects.vote).toEqual({
      subject: '도메인 차단?',
      body: '지금 결정하십시오',
      expectedActions: { 'block-it': '발신 도메인을 차단한다' },
      decision: { question: '차단합니까?', options: { yes: '예', no: '아니요' } },
    });
    expect(p.packErrors).toEqual([]);
    expect(p.translationFiles.map((f) => f.path)).toEqual(['translations/ko/ko.yaml']);
    // the Language column is read, not kept as a note column
    expect(p.pack.injects[0]?.facilitatorNotes ?? '').not.toContain('Language');
  });

  it('leaves a Language column of other words (English, French) as a note column and every row an inject', async () => {
    const p = await previewMsel(
      csv([
        'Scenario Time,Subject,Message,Language',
        'T+00:10,Phish,Forty users clicked,English',
        'T+00:20,Hameçonnage,Quarante utilisateurs,French',
      ]),
      { fileName: 'msel.csv' },
    );
    expect(p.pack.injects).toHaveLength(2);
    expect(p.pack.translations).toBeUndefined();
    expect(p.pack.injects[1]?.facilitatorNotes).toContain('Language: French');
  });
});
