/**
 * One sentence of an import's report (a note, a row's warning or reason to skip it, a skipped item's
 * reason): a stable code and its values, which the interface words in the reader's language, and
 * the English sentence, which the command line prints and API users read.
 *
 * A note about a sheet column carries `column` (its letter, '' when no column is mapped), `header`
 * (the author's header, '' when none) and `field` (the MSEL field); a second column `column2`,
 * `header2`, `field2`. The interface words the place itself.
 */
export interface ImportNote {
  code: ImportNoteCode;
  params: ImportNoteParams;
  /** the English sentence */
  message: string;
  /**
   * `msel.pack-error`: the pack loader's error itself, code and values as the editor's pack errors
   * carry them (`packError.<code>`), so the interface words it in the reader's language
   */
  packError?: { code: string; params: ImportNoteParams };
}

export type ImportNoteParams = Record<string, string | number>;

export const IMPORT_NOTE_CODES = [
  // MSEL: the sheet, its columns and its times
  'msel.sheet-picked',
  'msel.no-header-row',
  'msel.columns-kept-as-notes',
  'msel.columns-dropped',
  'msel.start-from-earliest-date',
  'msel.start-from-earliest-clock',
  'msel.start-moved-earlier',
  'msel.rows-before-startex',
  'msel.no-team',
  'msel.checklist-placed',
  // MSEL: a row
  'msel.event-type-unknown',
  'msel.attach-no-inject-above',
  'msel.attach-note-no-inject-above',
  'msel.attach-empty',
  'msel.attach-note-empty',
  'msel.expected-action-attached',
  'msel.note-attached',
  'msel.nothing-to-send',
  'msel.nothing-to-send-one-mapped',
  'msel.nothing-to-send-unmapped',
  'msel.contingency-no-inject-above',
  'msel.no-subject',
  'msel.respond-within-invalid',
  'msel.trigger-invalid',
  'msel.trigger-unreadable',
  'msel.time-unreadable-kept',
  'msel.time-unreadable',
  'msel.time-part-ignored',
  'msel.time-unmapped',
  'msel.time-empty',
  'msel.time-too-late',
  'msel.day-unreadable',
  'msel.type-unknown',
  'msel.no-recipient',
  'msel.score-invalid',
  'msel.decision-invalid',
  'msel.decision-unreadable',
  'msel.tlp-invalid',
  'msel.before-startex',
  'msel.section-without-event',
  'msel.rows-merged',
  'msel.contingency-before-inject',
  'msel.contingency-parent-missing',
  'msel.contingency-parent-no-action',
  'msel.contingency-no-time',
  'msel.contingency-linked',
  'msel.pack-error',
  // MSEL: translation rows and the Translations sheet
  'msel.translation-language-invalid',
  'msel.translation-no-id',
  'msel.translation-decision-unreadable',
  'msel.translation-duplicate',
  'msel.translation-sheet-row-invalid',
  'msel.translations-read',
  // OpenAEV / OpenBAS
  'openaev.no-team',
  'openaev.technical-inject',
  'openaev.no-known-team',
  'openaev.disabled',
  'openaev.parent-not-imported',
  'openaev.unknown-variables',
  // IcebergTTX
  'icebergttx.option-target-missing',
  'icebergttx.option-loops-back',
  'icebergttx.team-added',
  'icebergttx.no-release-time',
  'icebergttx.branch-copies',
  'icebergttx.no-team',
  'icebergttx.decisions-made',
  'icebergttx.options-linked',
  // ttx-community
  'ttx-community.total-mismatch',
  'ttx-community.cancelled',
  'ttx-community.type-unknown',
  'ttx-community.no-time-offset',
  'ttx-community.no-team',
  'ttx-community.numbered-teams',
  'ttx-community.timeline-type',
  'ttx-community.timeline-type-dated',
] as const;

export type ImportNoteCode = (typeof IMPORT_NOTE_CODES)[number];

export const importNote = (code: ImportNoteCode, params: ImportNoteParams, message: string): ImportNote => ({
  code,
  params,
  message,
});

/** The English sentences, for the command line and for tests that read them. */
export const messagesOf = (notes: readonly ImportNote[]): string[] => notes.map((n) => n.message);
