import { describe, expect, it } from 'vitest';
import { channelOf, parseChannelMap } from './inject-types.js';

describe('inject types → channels', () => {
  it.each([
    ['Send an SMS', 'phone'],
    ['by SMS', 'phone'],
    ['Send a mail', 'email'],
    ['Send another mail', 'email'],
    ['E-mail', 'email'],
    ['phone call', 'phone'],
    ['tweet', 'social'],
    ['Social media post', 'social'],
    ['press release', 'news'],
    ['Inject Mode: email', 'email'],
    ['TV broadcast', 'video'],
    ['SIEM alert', 'siem'],
    ['Situation report', 'sitrep'],
    ['Threat intel bulletin', 'intel'],
    ['Slack message', 'chat'],
    ['chat', 'chat'],
    // ttx-community and OpenAEV type codes
    ['socialnet', 'social'],
    // French, as OpenAEV's French templates and planners write them
    ['Appeler', 'phone'],
    ['Appel téléphonique', 'phone'],
    ['Envoyer un courriel', 'email'],
    ['Communiqué de presse', 'news'],
    ['openaev_manual', 'sitrep'],
  ])('%s → %s', (type, channel) => {
    expect(channelOf(type)).toBe(channel);
  });

  it('returns undefined for what it does not know (the importer then warns and uses the default channel)', () => {
    expect(channelOf('???')).toBeUndefined();
    expect(channelOf('Carrier pigeon')).toBeUndefined();
  });

  it('an author map wins over the table, matched without case or accents', () => {
    const map = parseChannelMap('Carrier pigeon=chat, Send an SMS=chat');
    expect(channelOf('carrier PIGEON', map)).toBe('chat');
    expect(channelOf('Send an SMS', map)).toBe('chat');
    expect(parseChannelMap('{"Fax":"email"}')).toEqual({ Fax: 'email' });
  });

  it('refuses a map naming no channel, saying which', () => {
    expect(() => parseChannelMap('fax=telegraph')).toThrow(
      /"fax" → "telegraph" is not a channel \(expected one of email/,
    );
    expect(() => parseChannelMap('fax')).toThrow(/"fax" is not "inject type=channel"/);
    expect(() => parseChannelMap('{nope')).toThrow(/not valid JSON/);
  });
});
