import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ARTIFACTS_DIR } from '../e2e/support/browser.js';
import { cutStates, horizontalOverflow, settle } from '../e2e/support/page-audit.js';
import { knownGaps, untranslatedText } from './untranslated.js';

/**
 * The interface-language guard, shared by every suite that walks pages in the pseudo-locale and in
 * Korean. One `LanguageAudit` per walk collects what it finds; the test asserts once at the end so
 * a single run lists every page at fault.
 *
 * - `audit.pseudo(label)`: a check for pages opened with `?pseudo=1` — visible interface text
 *   outside ⟦ ⟧ is a finding (see `untranslated.ts`); `data-i18n-gap` cells are counted, not failed.
 * - `audit.korean(label, phone)`: a check for pages in Korean — `<html lang="ko">`, Hangul on the
 *   page, no state cut (badge, chip, status cell), nothing pushed off a phone screen; a screenshot
 *   of every page goes to `tests/.artifacts/<dir>/` to look at.
 */
export const DESK = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export type Check = (page: Page, name: string) => Promise<void>;

/** A Mantine tab by its value, whatever language its label speaks. */
export const tabByValue = (page: Page, value: string) => page.locator(`[role="tab"][id$="-tab-${value}"]`).first();

/** Staff sign-in through the login form by its fields, whatever language it speaks (`check` audits the form first). */
export async function signInByForm(page: Page, query: string, username: string, password: string, check?: Check) {
  await page.goto(`/login${query}`);
  await page.locator('input[name="username"]').waitFor();
  if (check) await check(page, 'login');
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/control/);
}

export class LanguageAudit {
  readonly untranslated: string[] = [];
  readonly layout: string[] = [];
  readonly gaps: string[] = [];
  readonly visited: string[] = [];
  readonly shots: string;

  /** `dir`: the folder under tests/.artifacts for screenshots and findings.txt. */
  constructor(dir: string) {
    this.shots = join(ARTIFACTS_DIR, dir);
  }

  /** The pseudo-locale check of one page. */
  pseudo(label: string): Check {
    return async (page, name) => {
      await settle(page);
      this.visited.push(`${label} ${name}`);
      for (const u of await untranslatedText(page)) this.untranslated.push(`${label} · ${name} · ${u}`);
      for (const [why, n] of Object.entries(await knownGaps(page)))
        this.gaps.push(`${label} · ${name} · ${n} element(s) not translated yet: ${why}`);
    };
  }

  /** The Korean check of one page: the language is Korean, nothing is cut, a screenshot to look at. */
  korean(label: string, phone: boolean): Check {
    return async (page, name) => {
      await settle(page);
      this.visited.push(`${label} ${name}`);
      expect(await page.evaluate(() => document.documentElement.lang), `${name}: <html lang>`).toBe('ko');
      expect(await page.evaluate(() => /[\uac00-\ud7a3]/.test(document.body.innerText)), `${name} shows Hangul`).toBe(
        true,
      );
      for (const c of await cutStates(page)) this.layout.push(`${label} · ${name} · ${c}`);
      if (phone) for (const o of await horizontalOverflow(page)) this.layout.push(`${label} · ${name} · ${o}`);
      mkdirSync(this.shots, { recursive: true });
      await page.screenshot({ path: join(this.shots, `${label}--${name.replace(/[^a-z0-9-]+/gi, '-')}.png`) });
    };
  }

  /**
   * A phone screen laid out for the phone: nothing inside `selector` scrolls sideways (a wide table
   * in a scrolling region passes `horizontalOverflow`, and is still no way to read a form on a phone).
   */
  async noSidewaysScroll(page: Page, label: string, name: string, selector: string): Promise<void> {
    const found = await page.evaluate((sel) => {
      const out: string[] = [];
      for (const root of Array.from(document.querySelectorAll(sel)))
        for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
          const o = getComputedStyle(el).overflowX;
          if ((o === 'auto' || o === 'scroll') && el.scrollWidth > el.clientWidth + 1)
            out.push(
              `${el.getAttribute('aria-label') ?? el.tagName.toLowerCase()} scrolls sideways: ${el.scrollWidth}px in ${el.clientWidth}px`,
            );
        }
      return out;
    }, selector);
    for (const f of found) this.layout.push(`${label} · ${name} · ${f}`);
  }

  /** The check for a walk labelled `pseudo-…` or `ko-…`. */
  check(label: string, phone: boolean): Check {
    return label.startsWith('pseudo') ? this.pseudo(label) : this.korean(label, phone);
  }

  /** Write findings.txt beside the screenshots, then fail on any untranslated text or cut layout. */
  assertClean(): void {
    mkdirSync(this.shots, { recursive: true });
    writeFileSync(join(this.shots, 'findings.txt'), [...this.untranslated, ...this.layout, ...this.gaps].join('\n'));
    expect(this.untranslated, `interface text outside a translation:\n${this.untranslated.join('\n')}`).toEqual([]);
    expect(this.layout, `cut or off-screen in Korean:\n${this.layout.join('\n')}`).toEqual([]);
  }
}
