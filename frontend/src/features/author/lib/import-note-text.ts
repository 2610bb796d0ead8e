import type { TFunction } from 'i18next';
import type { components } from '../../../lib/api-schema.js';
import { packErrorText } from './pack-error-text.js';

/** A sentence of an import's report: a code and its values (the server's English sentence is the fallback). */
export type ImportNote = components['schemas']['ImportNote'];

type Values = Record<string, string | number>;
type AuthorT = TFunction<['author', 'common']>;

/** `column C “Time”`, `column C`, or `no column mapped to Time`, from a note's column, header and field values. */
function place(t: AuthorT, v: Values, suffix: '' | '2'): string | undefined {
  const field = v[`field${suffix}`];
  if (typeof field !== 'string') return undefined;
  const column = String(v[`column${suffix}`] ?? '');
  const header = String(v[`header${suffix}`] ?? '');
  if (!column) return t('importNotes.place.unmapped', { field: fieldName(t, field) });
  return header ? t('importNotes.place.named', { column, header }) : t('importNotes.place.letter', { column });
}

function fieldName(t: AuthorT, field: string): string {
  return t(`import.field.${field as 'time'}`, { defaultValue: field });
}

function duration(t: AuthorT, ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  if (hours >= 48) return t('importNotes.duration.days', { count: Math.round(hours / 24) });
  return hours === 0
    ? t('importNotes.duration.minutes', { minutes })
    : t('importNotes.duration.hours', { hours, minutes });
}

/** The note in the interface's language: its values worded first (places, durations, field and channel names). */
export function importNoteText(t: AuthorT, note: ImportNote): string {
  const v: Values = { ...note.params };
  const where = place(t, note.params, '');
  const where2 = place(t, note.params, '2');
  if (where !== undefined) v.where = where;
  if (where2 !== undefined) v.where2 = where2;
  if (typeof note.params.durationMs === 'number') v.duration = duration(t, note.params.durationMs);
  if (typeof note.params.missing === 'string') v.missing = fieldName(t, note.params.missing);
  // a pack error of the row: the loader's own error, worded like the editor's pack errors
  if (note.packError)
    v.detail = packErrorText(t, {
      code: note.packError.code,
      params: note.packError.params,
      message: String(v.detail ?? ''),
    });
  if (typeof note.params.channel === 'string')
    v.channel = t(`common:channel.${note.params.channel as 'email'}`, { defaultValue: note.params.channel });
  const text = t(`importNotes.${note.code}`, { ...v, defaultValue: note.message });
  // a note may open with a place ("column C …"): a sentence starts with a capital
  return text.charAt(0).toUpperCase() + text.slice(1);
}
