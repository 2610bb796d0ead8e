import { badInput } from '../../common/domain-error.js';
import { CHANNELS, type Channel } from '../../scenarios/pack/pack-schema.js';

/** An author's own names for inject types, e.g. `{"Carrier pigeon": "phone"}`; they win over the built-in table. */
export type ChannelMap = Record<string, Channel>;

/** The words planners and tools put in an inject-type / inject-mode / delivery-method column. */
const BUILT_IN: [Channel, RegExp][] = [
  [
    'phone',
    /\b(sms|text message|texto|phone|call|telephone|voice ?mail|voicemail|radio|t[ée]l[ée]phone|t[ée]l[ée]phoner|appel|appeler|coup de fil|hotline|pager)\b/,
  ],
  ['email', /\b(e-?mails?|mails?|courriel|outlook|letter|lettre|memo|fax)\b/],
  [
    'social',
    /\b(social|socialnet|social network|social media|twitter|tweet|x\.com|facebook|linkedin|telegram|reddit|mastodon|instagram|tiktok|microblog(ging)?)\b/,
  ],
  ['news', /\b(news|press|media|article|newspaper|journal|communiqu[ée]|radio news|headline|newsroom|tv news)\b/],
  ['video', /\b(video|tv|television|broadcast|deepfake|youtube|clip|t[ée]l[ée]vision)\b/],
  ['siem', /\b(siem|alert|edr|ids|ips|soc alert|detection|logs?|system|monitoring|dashboard|ticket)\b/],
  [
    'sitrep',
    /\b(sitrep|situation report|briefing|brief|manual|facilitator|in person|verbal|spoken|announcement|oral)\b/,
  ],
  ['intel', /\b(intel|intelligence|cti|advisory|bulletin|tip|threat report|doc|document|report|file|attachment)\b/],
  ['chat', /\b(chat|slack|teams|im|instant message|whatsapp|signal|discord|mattermost|message)\b/],
];

export const normaliseType = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\s*(inject|delivery)\s*(mode|method|type)\s*[:=-]\s*/, '')
    .replace(/[_/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The channel an inject type names ("Send an SMS", "by SMS", "Send a mail", "phone call", "tweet",
 * "press release", "Inject Mode: email", OpenAEV and ttx-community type codes…), or undefined
 * when it names none. The author's map is tried first, on the whole text, then the built-in words.
 */
export function channelOf(mode: string, map: ChannelMap = {}): Channel | undefined {
  const m = normaliseType(mode);
  if (!m) return undefined;
  for (const [k, ch] of Object.entries(map)) if (normaliseType(k) === m) return ch;
  if ((CHANNELS as readonly string[]).includes(m)) return m as Channel;
  for (const [ch, re] of BUILT_IN) if (re.test(m)) return ch;
  return undefined;
}

/** `--channel-map "Carrier pigeon=phone,fax=email"` or the same as JSON: an author's inject types. */
export function parseChannelMap(text: string): ChannelMap {
  const map: ChannelMap = {};
  const trimmed = text.trim();
  let pairs: [string, unknown][];
  if (trimmed.startsWith('{')) {
    try {
      pairs = Object.entries(JSON.parse(trimmed) as Record<string, unknown>);
    } catch {
      throw badInput(
        'msel.bad-channel-map',
        `channel map: "${trimmed.slice(0, 80)}" is not valid JSON (expected {"inject type": "channel"})`,
      );
    }
  } else {
    pairs = trimmed
      .split(/[,\n]/)
      .filter((p) => p.trim())
      .map((p) => {
        const at = p.lastIndexOf('=');
        if (at <= 0) throw badInput('msel.bad-channel-map', `channel map: "${p.trim()}" is not "inject type=channel"`);
        return [p.slice(0, at).trim(), p.slice(at + 1).trim()];
      });
  }
  for (const [k, v] of pairs) {
    if (typeof v !== 'string' || !(CHANNELS as readonly string[]).includes(v))
      throw badInput(
        'msel.bad-channel-map',
        `channel map: "${k}" → "${String(v)}" is not a channel (expected one of ${CHANNELS.join(', ')})`,
      );
    map[k] = v as Channel;
  }
  return map;
}
