// What Chromium really receives over the network, from its DevTools protocol: for each response the
// bytes on the wire (Network.loadingFinished encodedDataLength: headers and the body as sent, i.e.
// compressed when the server compressed it) and the body alone, with the Content-Encoding it came in.
import type { Page } from 'playwright-core';

export interface Transfer {
  url: string;
  path: string;
  /** CDP resource type: Script, Stylesheet, Document, Fetch, XHR, … */
  type: string;
  status: number;
  contentEncoding: string;
  /** bytes on the wire for this response: status line, headers and encoded body */
  wireBytes: number;
  /** the encoded body alone (what a `.br` file on disk weighs when the server sent brotli) */
  bodyBytes: number;
  fromCache: boolean;
}

interface Pending {
  url: string;
  type: string;
  status: number;
  contentEncoding: string;
  headerBytes: number;
  fromCache: boolean;
}

/** Starts recording every response the page receives; read `done` for the finished ones. */
export async function recordTransfers(page: Page): Promise<{ done: Transfer[]; stop: () => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  const pending = new Map<string, Pending>();
  const headerBytes = new Map<string, number>();
  const done: Transfer[] = [];
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    // the raw header block as received (HTTP/1.1): its length is what the headers cost on the wire
    if (e.headersText) headerBytes.set(e.requestId, e.headersText.length);
  });
  cdp.on('Network.responseReceived', (e) => {
    const headers = Object.fromEntries(
      Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
    );
    pending.set(e.requestId, {
      url: e.response.url,
      type: e.type,
      status: e.response.status,
      contentEncoding: headers['content-encoding'] ?? 'identity',
      headerBytes: e.response.encodedDataLength,
      fromCache: Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker),
    });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    pending.delete(e.requestId);
    const head = headerBytes.get(e.requestId) ?? p.headerBytes;
    done.push({
      url: p.url,
      path: new URL(p.url).pathname,
      type: p.type,
      status: p.status,
      contentEncoding: p.contentEncoding,
      wireBytes: e.encodedDataLength,
      bodyBytes: Math.max(0, e.encodedDataLength - head),
      fromCache: p.fromCache,
    });
  });
  await cdp.send('Network.enable');
  // a fresh download every time: what a player's first visit costs
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { done, stop: () => cdp.detach() };
}

export const sumBody = (list: Transfer[]) => list.reduce((n, t) => n + t.bodyBytes, 0);
export const sumWire = (list: Transfer[]) => list.reduce((n, t) => n + t.wireBytes, 0);
