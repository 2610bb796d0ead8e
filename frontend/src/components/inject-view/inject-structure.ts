import type { Parent, PhrasingContent, Root, RootContent, Text } from 'mdast';

/**
 * Inject bodies are written like the artefacts they imitate: plain-text mail with forwarded
 * headers, SITREPs with lettered paragraphs, decision sheets with options. Markdown would fold
 * all of that into running paragraphs, so these helpers keep the structure a player must read.
 */

export const MAIL_HEADER_LANGUAGE = 'mail-headers';

// header names that mark a block of lines as a mail header block (not "Voting: …" in a SITREP)
const MAIL_HEADER_NAMES = new Set([
  'return-path',
  'received',
  'authentication-results',
  'received-spf',
  'dkim-signature',
  'arc-seal',
  'arc-message-signature',
  'arc-authentication-results',
  'reply-to',
  'message-id',
  'in-reply-to',
  'references',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'delivered-to',
  'sender',
  'from',
  'to',
  'cc',
  'bcc',
  'date',
  'subject',
  'x-mailer',
  'x-originating-ip',
  'x-sender-ip',
  'user-agent',
  'list-unsubscribe',
]);
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9-]*):(\s|$)/;
const CONTINUATION = /^[ \t]+\S/;
const FORWARD_MARK = /^-{3,}\s*(Forwarded|Original) message\s*-{3,}\s*$/i;

const isKnownHeader = (name: string) => MAIL_HEADER_NAMES.has(name.toLowerCase()) || /^x-/i.test(name);

/**
 * Wrap each block of RFC 5322 header lines (three or more header lines, two of them well known,
 * with their folded continuation lines) in a fenced block, so that it is shown line by line,
 * with its angle-bracketed addresses, instead of being parsed as markdown.
 */
export function fenceMailHeaders(body: string): string {
  const lines = body.split('\n');
  const out: string[] = [];
  let inFence = false;
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const m = inFence ? null : HEADER_LINE.exec(line);
    if (!m) {
      out.push(line);
      i++;
      continue;
    }
    let j = i;
    let headers = 0;
    let known = 0;
    while (j < lines.length) {
      const l = lines[j] ?? '';
      const h = HEADER_LINE.exec(l);
      if (h) {
        headers++;
        if (isKnownHeader(h[1] ?? '')) known++;
      } else if (!(j > i && CONTINUATION.test(l))) break;
      j++;
    }
    if (headers >= 3 && known >= 2) {
      // the "---- Forwarded message ----" line belongs with its headers
      const previous = out[out.length - 1];
      const mark = previous !== undefined && FORWARD_MARK.test(previous.trim()) ? out.pop() : undefined;
      out.push('```' + MAIL_HEADER_LANGUAGE, ...(mark ? [mark.trim()] : []), ...lines.slice(i, j), '```');
      i = j;
    } else {
      out.push(...lines.slice(i, Math.max(j, i + 1)));
      i = Math.max(j, i + 1);
    }
  }
  return out.join('\n');
}

const LIST_MARKER = /^\s*([-+*]|\d+[.)])\s/;

/**
 * Pros and cons written as "   + fast …" / "   − slow …" under a lettered option are not a
 * markdown list: escape a bullet marker on an indented line that continues a paragraph, so the
 * option and its pros and cons stay one block (each line kept by the break rule below).
 */
export function escapeContinuationBullets(body: string): string {
  const lines = body.split('\n');
  let inFence = false;
  return lines
    .map((line, i) => {
      if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
      if (inFence || i === 0) return line;
      const prev = lines[i - 1] ?? '';
      if (/^[ \t]+[-+*]\s/.test(line) && prev.trim() !== '' && /^[ \t]/.test(prev) && !LIST_MARKER.test(prev))
        return line.replace(/^([ \t]+)([-+*])/, '$1\\$2');
      return line;
    })
    .join('\n');
}

/** The column the author wrapped the text at: the longest ordinary line (very long lines are unwrapped text). */
export function wrapWidth(body: string): number {
  let width = 0;
  for (const line of body.split('\n')) {
    const n = line.trimEnd().length;
    if (n <= 100 && n > width) width = n;
  }
  return Math.max(width, 40);
}

// a line that starts something of its own: a lettered or numbered paragraph, a pro/con, a label
const STRUCTURAL_START = /^\s*(\\?[-+*•−–—]\s|\(?([a-zA-Z]|[ivxlc]+|\d+)[.)]\s|[A-Z][A-Za-z/& -]{0,30}:\s|>)/;

/**
 * Whether the newline after `line` (followed by `next`) was meant by the author. A line that
 * was soft-wrapped (nearly) filled the column (the next word would not have fitted); a shorter line, a
 * line ending in a colon, or a next line that starts an item is a deliberate break.
 */
export function isHardBreak(line: string, next: string, width: number): boolean {
  if (STRUCTURAL_START.test(next)) return true;
  const text = line.trimEnd();
  if (text.endsWith(':')) return true;
  if (text.length > width) return true;
  const firstWord = next.trim().split(/\s+/)[0] ?? '';
  // authors wrap a little short of their widest line: only a clearly shorter line is deliberate
  return text.length + 1 + firstWord.length < width * 0.85;
}

type WithChildren = Parent & { children: RootContent[] };

const hasChildren = (node: RootContent | Root): node is WithChildren & RootContent =>
  'children' in node && Array.isArray((node as Parent).children);

/**
 * Remark plugin: keep the author's deliberate line breaks (see isHardBreak) as breaks; show
 * angle-bracketed text and raw HTML as the text it is (`<addr>` must not vanish); keep the
 * brackets of `<user@host>` autolinks, shown as text.
 */
export function remarkInjectStructure(options: { width: number }) {
  return (tree: Root, file: { value?: unknown }) => {
    const sourceText = typeof file.value === 'string' ? file.value : '';
    const source = sourceText.split('\n');
    const walk = (node: WithChildren, inParagraph: boolean) => {
      const next: RootContent[] = [];
      for (const child of node.children) {
        if (child.type === 'html') {
          const text: Text = { type: 'text', value: child.value };
          next.push(inParagraph ? text : { type: 'paragraph', children: [text] });
          continue;
        }
        if (child.type === 'link') {
          const start = child.position?.start.offset;
          if (start !== undefined && sourceText[start] === '<') {
            const end = child.position?.end.offset ?? start;
            next.push({ type: 'text', value: sourceText.slice(start, end), position: child.position });
            continue;
          }
        }
        if (child.type === 'text' && inParagraph && child.value.includes('\n') && child.position) {
          next.push(...splitBreaks(child, source, options.width));
          continue;
        }
        if (hasChildren(child))
          walk(
            child,
            inParagraph || child.type === 'paragraph' || child.type === 'heading' || child.type === 'tableCell',
          );
        next.push(child);
      }
      node.children = next;
    };
    walk(tree, false);
  };
}

function splitBreaks(node: Text, source: string[], width: number): PhrasingContent[] {
  const parts = node.value.split('\n');
  const firstLine = (node.position?.start.line ?? 1) - 1;
  const out: PhrasingContent[] = [];
  parts.forEach((part, i) => {
    if (i === 0) {
      out.push({ type: 'text', value: part });
      return;
    }
    const line = source[firstLine + i - 1] ?? '';
    const nextLine = source[firstLine + i] ?? part;
    if (isHardBreak(line, nextLine, width)) out.push({ type: 'break' }, { type: 'text', value: part });
    else out.push({ type: 'text', value: ' ' + part });
  });
  return out.filter((p) => p.type !== 'text' || p.value !== '');
}
