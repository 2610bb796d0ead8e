import type { i18n as I18n } from 'i18next';
import { ApiError, type ErrorParams, type FieldProblem } from './api-error.js';

/**
 * The words for an API error in the reader's language. The server sends a stable `code` (and for a
 * refused request body, one problem per field: a path, zod's issue code and its values); the words
 * are `errors.*` in common.json. The server's English `message` stays for API clients, and stands
 * here when this interface has no words for a code.
 */

type Values = Record<string, string | number>;

/** `50 MB`, `512 KB` (`50MB` in Korean): the unit the reader's language writes. */
export function formatBytes(bytes: number, lng: string): string {
  const mb = bytes / (1024 * 1024);
  const [value, unit] = mb >= 1 ? [mb, 'megabyte'] : [bytes / 1024, 'kilobyte'];
  return new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(
    value,
  );
}

/** `in 30 seconds`, `in 5 minutes` (`30초 후`, `5분 후`). */
export function formatWait(seconds: number, lng: string): string {
  const rtf = new Intl.RelativeTimeFormat(lng, { numeric: 'always' });
  return seconds < 90
    ? rtf.format(Math.max(1, Math.ceil(seconds)), 'second')
    : rtf.format(Math.ceil(seconds / 60), 'minute');
}

/** The error's values as its words need them: sizes in the reader's units, waits as "in 5 minutes". */
function wordedValues(params: ErrorParams, lng: string): Values {
  const v: Values = { ...params };
  if (typeof params.limitBytes === 'number') v.limit = formatBytes(params.limitBytes, lng);
  if (typeof params.memoryMb === 'number') v.memory = formatBytes(params.memoryMb * 1024 * 1024, lng);
  if (typeof params.retryAfterSeconds === 'number') v.wait = formatWait(params.retryAfterSeconds, lng);
  return v;
}

function say(i18n: I18n, key: string, values: Values = {}): string | undefined {
  if (!i18n.exists(key, { ns: 'common' })) return undefined;
  // a key built at run time (checked above) cannot be checked against the typed resources
  const text = (i18n.t as unknown as (key: string, options: Values & { ns: string }) => unknown).call(i18n, key, {
    ns: 'common',
    ...values,
  });
  return typeof text === 'string' ? text : undefined;
}

/** The name of the field a problem is about: the last named part of its path (`vote.reason` → Reason), else the path. */
export function fieldLabel(i18n: I18n, p: Pick<FieldProblem, 'path' | 'field'>): string {
  const names = p.path.filter((s): s is string => typeof s === 'string');
  if (names.length === 0) return say(i18n, 'errors.field.request') ?? p.field;
  for (const name of [names[names.length - 1], names[0]])
    if (name && /^[\w-]+$/.test(name)) {
      const label = say(i18n, `errors.field.${name}`);
      if (label) return label;
    }
  return p.field;
}

/** What is wrong with the field, without its name: "must not be empty", "at most 60 characters". */
export function problemText(i18n: I18n, p: FieldProblem): string {
  const v: Values = { ...p.params };
  const name = p.path.filter((s): s is string => typeof s === 'string').pop();
  // a field may word a problem its own way ("3–80 letters, digits…" for a username)
  const own = name && /^[\w-]+$/.test(name) ? say(i18n, `errors.fieldHint.${name}.${p.code}`, v) : undefined;
  if (own) return own;
  const origin = String(p.params.origin ?? 'other');
  let key: string;
  switch (p.code) {
    case 'too_small':
      key =
        p.params.minimum === 1 && (origin === 'string' || origin === 'array')
          ? `too_small.${origin}Empty`
          : `too_small.${origin}`;
      break;
    case 'too_big':
      key = `too_big.${origin}`;
      break;
    case 'invalid_type':
      if (p.params.received === 'undefined') key = 'invalid_type.required';
      else {
        key = 'invalid_type.default';
        v.expected =
          say(i18n, `errors.validation.type.${String(p.params.expected)}`) ?? String(p.params.expected ?? '');
      }
      break;
    case 'invalid_format':
      key = `invalid_format.${String(p.params.format)}`;
      break;
    case 'custom':
      key = `custom.${String(p.params.code ?? 'default')}`;
      break;
    default:
      key = p.code;
  }
  return (
    say(i18n, `errors.validation.${key}`, v) ??
    (p.code === 'too_small' || p.code === 'too_big' ? say(i18n, `errors.validation.${p.code}.other`, v) : undefined) ??
    (p.code === 'invalid_format' ? say(i18n, 'errors.validation.invalid_format.default', v) : undefined) ??
    say(i18n, 'errors.validation.invalid', v) ??
    p.message
  );
}

/** "Display name: must not be empty" in the reader's language. */
export const problemLine = (i18n: I18n, p: FieldProblem): string => `${fieldLabel(i18n, p)}: ${problemText(i18n, p)}`;

/**
 * A message a person can act on. English keeps the server's sentence, the most precise wording (it
 * may name the team), except for a refused request's fields, worded here with the fields' names.
 */
export function errorText(i18n: I18n, e: ApiError, exact: boolean): string {
  if (e.problems.length > 0) return e.problems.map((p) => problemLine(i18n, p)).join('; ');
  // an answer that did not come from the platform (a proxy's page: `http.<status>`) has no sentence of ours
  const ours = !e.code.startsWith('http.');
  if (exact && ours) return e.message;
  const values = wordedValues(e.params, i18n.language);
  return (
    // a code may say when to try again once the wait is known (`too-many-requests_wait`)
    (values.wait !== undefined ? say(i18n, `errors.${e.code}_wait`, values) : undefined) ??
    say(i18n, `errors.${e.code}`, values) ??
    (ours ? undefined : say(i18n, 'errors.http.other', { status: e.status })) ??
    e.message
  );
}

/**
 * A refused request's problems for a form that shows them under its fields: one text per field
 * (by the field's dotted path), and the rest (other fields, or an error that is about no field) as
 * one message for the form's alert. A problem inside a field (`optionIds.3`) goes under the field. `byCode` places an error about one field (`auth.wrong-password`
 * → `currentPassword`) under it too.
 */
export function placeErrors(
  i18n: I18n,
  e: unknown,
  fields: readonly string[],
  message: (e: unknown) => string,
  byCode: Partial<Record<string, string>> = {},
): { byField: Partial<Record<string, string>>; rest: string | undefined } {
  if (e === null || e === undefined) return { byField: {}, rest: undefined };
  if (!(e instanceof ApiError)) return { byField: {}, rest: message(e) };
  const field = byCode[e.code];
  if (e.problems.length === 0)
    return field && fields.includes(field)
      ? { byField: { [field]: message(e) }, rest: undefined }
      : { byField: {}, rest: message(e) };
  const byField: Partial<Record<string, string>> = {};
  const others: string[] = [];
  for (const p of e.problems) {
    // a problem inside a field (`optionIds.3`: one of the chosen actions) is said under the field
    const field = fields.find((f) => p.field === f || p.field.startsWith(`${f}.`));
    if (field !== undefined) byField[field] ??= problemText(i18n, p);
    else others.push(problemLine(i18n, p));
  }
  return { byField, rest: others.length ? others.join('; ') : undefined };
}
