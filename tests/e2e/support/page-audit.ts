import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, type TrackedPage } from './browser.js';

/**
 * What a person would notice on a page, checked mechanically: errors in the console, a state
 * (badge, chip, pill, status cell) that does not fit, content pushed off a phone screen, and
 * accessibility violations (axe-core, WCAG 2 A/AA, serious or critical only).
 */
export const WALKTHROUGH_DIR = join(ARTIFACTS_DIR, 'walkthrough');

export interface Finding {
  stage: string;
  page: string;
  check: 'console' | 'status cut' | 'overflow' | 'axe' | 'live';
  detail: string;
}

const axeSource: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * Elements whose whole job is to show a state. The label inside a Mantine badge is the element
 * that ellipsises, so it is checked as well as the badge itself.
 */
const STATE_SELECTOR = [
  '.mantine-Badge-root',
  '.mantine-Badge-label',
  '.mantine-Chip-label',
  '.mantine-Pill-root',
  '.mantine-Pill-label',
  '[data-testid="team-total"]',
  '[data-testid="action-points"]',
  '[data-testid="cell-points"]',
  '[data-testid="inject-status"]',
  '[data-testid="decision-outcome"]',
  '[data-testid="report-state"]',
  'td[data-status]',
].join(', ');

export async function cutStates(page: Page): Promise<string[]> {
  return page.evaluate((sel) => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : `.${Array.from(el.classList).find((c) => c.startsWith('mantine-')) ?? ''}`} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.scrollWidth > el.clientWidth) out.push(`${name(el)} shows ${el.clientWidth}px of ${el.scrollWidth}px`);
      // cut by its container: the nearest ancestor that clips, unless that ancestor scrolls to it
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'visible') continue;
        const r = el.getBoundingClientRect();
        const c = a.getBoundingClientRect();
        const scrolls = (o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth;
        if (!scrolls && (r.right > c.right + 1 || r.left < c.left - 1))
          out.push(
            `${name(el)} runs out of its container: ${Math.round(Math.min(r.right, c.right) - Math.max(r.left, c.left))}px of ${Math.round(r.width)}px visible`,
          );
        break;
      }
    }
    return Array.from(new Set(out));
  }, STATE_SELECTOR);
}

/** The page scrolls sideways, or something visible sits past the right edge where no scroll reaches it. */
export async function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : `.${Array.from(el.classList).find((c) => c.startsWith('mantine-')) ?? ''}`} "${(el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60)}"`;
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth)
      out.push(`the page scrolls sideways: ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport`);
    const vw = doc.clientWidth;
    const scrollsX = (el: Element | null): boolean => {
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if ((o === 'auto' || o === 'scroll') && a.scrollWidth > a.clientWidth) return true;
      }
      return false;
    };
    const offscreen: Element[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      // leaves (and controls) only: a container past the edge shows through its children
      if (el.children.length > 0 && !(el instanceof HTMLButtonElement) && !(el instanceof HTMLAnchorElement)) continue;
      if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue;
      if (getComputedStyle(el).visibility === 'hidden' || el.closest('[aria-hidden="true"]')) continue;
      if (scrollsX(el)) continue;
      offscreen.push(el);
    }
    for (const el of offscreen.slice(0, 6))
      out.push(
        `${name(el)} reaches x=${Math.round(el.getBoundingClientRect().right)} past the ${vw}px screen, out of reach`,
      );
    if (offscreen.length > 6) out.push(`… and ${offscreen.length - 6} more elements past the right edge`);
    return out;
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the debugging protocol: the app's CSP (script-src 'self') rightly refuses an inline script
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes
        .slice(0, 4)
        .map(
          (n) =>
            `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})` : ''}`,
        );
      return `${v.id} [${v.impact}] ${v.help}: ${v.nodes.length} node(s): ${where.join('; ')}`;
    });
}

/** Wait until the page has nothing left to load: no loader, fonts in, two frames painted. */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => document.querySelector('.mantine-Loader-root') === null, undefined, {
      polling: 100,
      timeout: 20_000,
    })
    .catch(() => undefined);
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))),
  );
}

export interface AuditOptions {
  /** check that nothing leaves the screen sideways (phone widths) */
  phone: boolean;
}

/** Every check on one page at one stage; console errors since the last audit are drained. */
export async function auditPage(
  t: TrackedPage,
  pageName: string,
  stage: string,
  opts: AuditOptions,
): Promise<Finding[]> {
  await settle(t.page);
  const findings: Finding[] = [];
  const add = (check: Finding['check'], details: string[]) =>
    findings.push(...details.map((detail) => ({ stage, page: pageName, check, detail })));
  add('status cut', await cutStates(t.page));
  if (opts.phone) add('overflow', await horizontalOverflow(t.page));
  add('axe', await axeViolations(t.page));
  add('console', t.errors.splice(0));
  mkdirSync(WALKTHROUGH_DIR, { recursive: true });
  await t.page.screenshot({ path: join(WALKTHROUGH_DIR, `${stage}--${pageName}.png`) });
  return findings;
}

/** The problems file: every finding of the run, by stage and page, rewritten as the run goes. */
export class ProblemsFile {
  private readonly path = join(WALKTHROUGH_DIR, 'problems.md');
  constructor(title: string) {
    mkdirSync(WALKTHROUGH_DIR, { recursive: true });
    writeFileSync(this.path, `# ${title}\n\nStarted ${new Date().toISOString()}\n`);
  }
  record(stage: string, findings: Finding[]): void {
    const lines = [`\n## ${stage}: ${findings.length === 0 ? 'no problem found' : `${findings.length} problem(s)`}\n`];
    for (const f of findings) lines.push(`- **${f.page}** · ${f.check} · ${f.detail}`);
    appendFileSync(this.path, `${lines.join('\n')}\n`);
  }
  note(text: string): void {
    appendFileSync(this.path, `\n${text}\n`);
  }
}

/** Findings as one readable block for an assertion message. */
export const formatFindings = (findings: Finding[]) =>
  findings.map((f) => `${f.stage} · ${f.page} · ${f.check} · ${f.detail}`).join('\n');
