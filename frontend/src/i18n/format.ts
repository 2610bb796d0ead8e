import { useTranslation } from 'react-i18next';
import { currentLanguage, markPseudo } from './i18n';

/**
 * Dates, times and numbers in the interface language, through `Intl`. Formatters are cached per
 * language and options. Exercise time (T+hh:mm:ss) is not here: it reads the same in every language.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(lng: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${lng}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(lng, opts)));
  return f;
}
function numberFormat(lng: string, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lng}|${JSON.stringify(opts)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(lng, opts)));
  return f;
}

type When = number | string | Date | null | undefined;
const toDate = (v: When): Date | null => {
  if (v === null || v === undefined) return null;
  const d = v instanceof Date ? v : new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

export const TIME: Intl.DateTimeFormatOptions = {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};
export const SHORT_TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
export const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
export const DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium' };

/** A date or time in the interface language; '—' when there is none. */
export function formatDate(
  v: When,
  opts: Intl.DateTimeFormatOptions = DATE_TIME,
  lng: string = currentLanguage(),
): string {
  const d = toDate(v);
  return d ? markPseudo(dateFormat(lng, opts).format(d)) : '—';
}

const STAMP: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
};
/**
 * `2026-12-03 07:06:52` in the reader's time zone: a record's timestamp (a report's generation, an
 * exercise's start) that reads the same in every language, so nobody mistakes 03/12 for 12/03.
 */
export function formatTimestamp(v: When): string {
  const d = toDate(v);
  if (!d) return '—';
  const p = Object.fromEntries(
    dateFormat('en', STAMP)
      .formatToParts(d)
      .map((x) => [x.type, x.value]),
  );
  return markPseudo(`${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`);
}

/** A number in the interface language (grouping, decimals, percent with `{ style: 'percent' }`). */
export function formatNumber(n: number, opts: Intl.NumberFormatOptions = {}, lng: string = currentLanguage()): string {
  return markPseudo(numberFormat(lng, opts).format(n));
}

/** The formatters bound to the language a component renders in (it re-renders on a switch). */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.language;
  return {
    lng,
    date: (v: When, opts: Intl.DateTimeFormatOptions = DATE_TIME) => formatDate(v, opts, lng),
    time: (v: When) => formatDate(v, TIME, lng),
    timestamp: formatTimestamp,
    number: (n: number, opts: Intl.NumberFormatOptions = {}) => formatNumber(n, opts, lng),
  };
}
