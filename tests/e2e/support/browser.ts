import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/app-process.js';

export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests', '.artifacts');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The Debian Chromium, headless, with everything that would phone home switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface TrackedPage {
  context: BrowserContext;
  page: Page;
  /** uncaught page errors and console errors, for asserting a clean run */
  errors: string[];
}

/** A fresh browser context (own cookies and storage: one person at one machine). */
export async function openPage(
  browser: Browser,
  baseURL: string,
  opts: { colorScheme?: 'dark' | 'light'; viewport?: { width: number; height: number }; touch?: boolean } = {},
): Promise<TrackedPage> {
  const context = await browser.newContext({
    baseURL,
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    colorScheme: opts.colorScheme ?? 'dark',
    ...(opts.touch ? { hasTouch: true, isMobile: true } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.setDefaultTimeout(10_000);
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: false });
}

/** Errors that are not defects: 404s of endpoints the backend does not offer yet show as console errors. */
export const unexpectedErrors = (errors: string[]) => errors.filter((e) => !/status of (401|404)/.test(e));
