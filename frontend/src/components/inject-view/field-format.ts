/**
 * Pack authors name presentation fields in snake_case (`dtg`, `account_age_days`,
 * `amount_usd`). Players see a label and a formatted value: "DTG", "Account age: 19 days",
 * "Amount: USD 612,400,000".
 */

const LABELS: Record<string, string> = {
  dtg: 'DTG',
  src_ip: 'Source IP',
  dst_ip: 'Destination IP',
  x_mailer: 'X-Mailer',
  reply_to: 'Reply-To',
  cc: 'Cc',
  bcc: 'Bcc',
  peak_rps: 'Peak requests per second',
  classification_banner: 'Classification',
  channel_name: 'Channel',
  thumbnail_alt: 'Thumbnail',
  callsign: 'Call sign',
  originator: 'Originator',
};

const ACRONYMS = new Set([
  'ip',
  'id',
  'url',
  'usd',
  'eur',
  'gbp',
  'krw',
  'eth',
  'btc',
  'dns',
  'tlp',
  'ioc',
  'edr',
  'siem',
  'rps',
  'mfa',
  'vpn',
  'api',
  'ttl',
  'asn',
  'cve',
  'sha256',
  'md5',
  'pnt',
  'ais',
]);
const CURRENCIES = new Set(['usd', 'eur', 'gbp', 'krw', 'jpy', 'chf']);
const UNIT_SUFFIXES: Record<string, (n: string) => string> = {
  eth: (n) => `${n} ETH`,
  btc: (n) => `${n} BTC`,
  days: (n) => `${n} days`,
  hours: (n) => `${n} hours`,
  minutes: (n) => `${n} minutes`,
  seconds: (n) => `${n} seconds`,
  pct: (n) => `${n} %`,
  percent: (n) => `${n} %`,
  gb: (n) => `${n} GB`,
  tb: (n) => `${n} TB`,
  mb: (n) => `${n} MB`,
};
// identifiers and codes are shown as written, never with digit grouping
const VERBATIM = /(^|_)(id|ids|number|no|code|port|year|callsign|ref|reference|version)$/;

const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

const words = (parts: string[]) => {
  const text = parts.map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const splitKey = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\s-]+/)
    .filter(Boolean);

/** The unit a key ends in (`amount_usd` → usd), when it carries one. */
function unitOf(key: string): string | null {
  const parts = splitKey(key);
  const last = parts[parts.length - 1] ?? '';
  return parts.length > 1 && (CURRENCIES.has(last) || last in UNIT_SUFFIXES) ? last : null;
}

/** A human label for a field key. */
export function fieldLabel(key: string): string {
  const known = LABELS[key.toLowerCase()];
  if (known) return known;
  const parts = splitKey(key);
  return words(unitOf(key) ? parts.slice(0, -1) : parts);
}

const isNumeric = (v: string | number) =>
  typeof v === 'number' ? Number.isFinite(v) : /^-?\d+(\.\d+)?$/.test(v.trim());

/** The value of a field as a person reads it: grouped digits, its unit or currency, readable dates. */
export function fieldValue(key: string, value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const unit = unitOf(key);
  const verbatim = VERBATIM.test(key.toLowerCase());
  let text = String(value);
  if (!verbatim && isNumeric(value)) text = grouped.format(Number(value));
  else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) {
    const d = new Date(value);
    if (!Number.isNaN(d.getTime())) text = `${dateTime.format(d)} UTC`;
  }
  if (!unit || !isNumeric(value)) return text;
  if (CURRENCIES.has(unit)) return `${unit.toUpperCase()} ${text}`;
  return UNIT_SUFFIXES[unit]?.(text) ?? text;
}
