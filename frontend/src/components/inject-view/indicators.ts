import { createContext, useContext } from 'react';
import type { Artifact } from '../../lib/api-types';

/**
 * What a scenario marks as hostile: the hosts, URLs and addresses in its indicator (IOC) tables.
 * A link in an inject to one of these is shown defanged (hxxps://host[.]example) so that nobody
 * opens it by reflex, the way analysts write indicators in reports.
 */
export interface Indicators {
  hosts: ReadonlySet<string>;
  urls: ReadonlySet<string>;
  emails: ReadonlySet<string>;
}

export const NO_INDICATORS: Indicators = { hosts: new Set(), urls: new Set(), emails: new Set() };

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
};

/** Indicators of every IOC table among the given artifacts. */
export function indicatorsOf(artifactLists: readonly (readonly Artifact[])[]): Indicators {
  const hosts = new Set<string>();
  const urls = new Set<string>();
  const emails = new Set<string>();
  for (const artifacts of artifactLists)
    for (const a of artifacts) {
      if (a.kind !== 'ioc-table') continue;
      for (const row of a.rows) {
        const value = row.value.trim().toLowerCase();
        if (row.type === 'domain' || row.type === 'ip') hosts.add(value);
        else if (row.type === 'url') {
          urls.add(value);
          const host = hostOf(value);
          if (host) hosts.add(host);
        } else if (row.type === 'email') emails.add(value);
      }
    }
  return { hosts, urls, emails };
}

export function mergeIndicators(a: Indicators, b: Indicators): Indicators {
  return {
    hosts: new Set([...a.hosts, ...b.hosts]),
    urls: new Set([...a.urls, ...b.urls]),
    emails: new Set([...a.emails, ...b.emails]),
  };
}

const hostListed = (host: string, hosts: ReadonlySet<string>) => {
  for (const h of hosts) if (host === h || host.endsWith(`.${h}`)) return true;
  return false;
};

/** Whether a link target (http(s) URL or mailto:) is marked hostile by the scenario. */
export function isIndicator(href: string, ind: Indicators): boolean {
  if (/^mailto:/i.test(href)) {
    const address = decodeURIComponent(href.slice(7)).toLowerCase();
    return ind.emails.has(address) || hostListed(address.split('@')[1] ?? '', ind.hosts);
  }
  if (ind.urls.has(href.toLowerCase())) return true;
  const host = hostOf(href);
  return host !== null && hostListed(host, ind.hosts);
}

/** hxxps://docs[.]host[.]example/path — the usual defanged form; user[@]host[.]example for addresses. */
export function defang(value: string): string {
  const mail = /^mailto:/i.test(value) ? value.slice(7) : null;
  if (mail !== null || (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && value.includes('@'))) {
    const [user, domain = ''] = (mail ?? value).split('@');
    return `${user}[@]${domain.replace(/\./g, '[.]')}`;
  }
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(value);
  if (!m) return value.replace(/\./g, '[.]');
  const scheme = (m[1] ?? '').replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp');
  return `${scheme}://${(m[2] ?? '').replace(/\./g, '[.]')}${m[3] ?? ''}`;
}

/** Indicators known to the reader (e.g. every IOC the team has been sent so far). */
export const IndicatorsContext = createContext<Indicators>(NO_INDICATORS);
export const useIndicators = () => useContext(IndicatorsContext);
