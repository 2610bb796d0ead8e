import type { Page } from 'playwright-core';

/**
 * The pseudo-locale check. With `?pseudo=1` the app wraps every message it translates (and every
 * date or number it formats through Intl) in ⟦ ⟧, so text a person can see outside those marks
 * did not come through a translation. Scenario content and what people wrote (team names, inject
 * subjects, responses) sit in elements marked `translate="no"` and are not interface text.
 *
 * A cell marked `data-i18n-gap="<why>"` holds text the interface cannot translate yet (the
 * report's event sentences come from the report model the exports share): skipped here and
 * counted by `knownGaps`, so the gap stays visible in the test's output.
 *
 * Looked at: every visible text node (screen-reader-only text included), the placeholder of every
 * visible field and the chosen option of every visible select. Not looked at: aria-label and title
 * attributes. Letters outside the marks are the finding; digits, punctuation and exercise time
 * (T+hh:mm:ss, the same in every language) are not.
 */
export function untranslatedText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const OPEN = '⟦';
    const CLOSE = '⟧';
    const out: string[] = [];
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const cls = Array.from(el.classList).find((c) => c.startsWith('mantine-') || c.startsWith('ttx-'));
      return `${el.tagName.toLowerCase()}${id ? `[data-testid=${id}]` : cls ? `.${cls}` : ''}`;
    };
    const letters = (s: string) => /\p{L}/u.test(s.replace(/T[+-]\d{2}:\d{2}:\d{2}/g, ''));
    const excluded = (el: Element) =>
      el.closest('[translate="no"], [data-i18n-gap], script, style, noscript, template') !== null;
    const visible = (el: Element) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });

    // text nodes in document order with a running depth of ⟦ ⟧, so a message split across
    // elements (a sentence with a bold name inside) still counts as marked
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let depth = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      const text = n.textContent ?? '';
      if (!parent || text.trim() === '' || excluded(parent) || parent.closest('option, select') || !visible(parent))
        continue;
      let loose = '';
      for (const ch of text) {
        if (ch === OPEN) depth++;
        else if (ch === CLOSE) depth = Math.max(0, depth - 1);
        else if (depth === 0) loose += ch;
      }
      if (letters(loose)) out.push(`${describe(parent)}: "${loose.replace(/\s+/g, ' ').trim().slice(0, 80)}"`);
    }
    const unmarked = (s: string) => letters(s.replace(/⟦[^⟦⟧]*⟧/g, '').replace(/⟦[^⟦⟧]*⟧/g, ''));
    for (const el of Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]'),
    )) {
      if (visible(el) && !excluded(el) && unmarked(el.placeholder))
        out.push(`${describe(el)} placeholder: "${el.placeholder}"`);
    }
    for (const el of Array.from(document.querySelectorAll('select'))) {
      const chosen = el.selectedOptions[0]?.textContent ?? '';
      if (visible(el) && !excluded(el) && unmarked(chosen)) out.push(`${describe(el)} shows "${chosen}"`);
    }
    return Array.from(new Set(out));
  });
}

/** How many visible elements on the page hold text the interface does not translate yet, by reason. */
export function knownGaps(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of Array.from(document.querySelectorAll('[data-i18n-gap]'))) {
      if (!el.checkVisibility()) continue;
      const why = el.getAttribute('data-i18n-gap') ?? '';
      out[why] = (out[why] ?? 0) + 1;
    }
    return out;
  });
}
