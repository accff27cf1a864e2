/**
 * What a page must be on a phone (issue 16, "Phone"), checked in the page as it stands: no element's box reaches
 * past the screen's edges (a card, a status badge cut off), no text drawn smaller than 12 px (a contract page drawn
 * to fit the column prints its words at ~5 px), and any region that scrolls sideways is announced and reachable by
 * keyboard (a role, a name, tabindex). test/e2e/a11y.test.ts runs it on every page state; at wider windows it
 * finds nothing, so the caller need not know the width.
 */
import type { Page } from 'playwright-core';

/** Widths this check applies to: phones held upright. */
export const PHONE_MAX_WIDTH = 480;
export const MIN_TEXT_PX = 12;

export async function phoneProblems(page: Page): Promise<string[]> {
  return page.evaluate(({ maxWidth, minText }) => {
    const width = document.documentElement.clientWidth;
    if (width > maxWidth) return [];
    const out: string[] = [];
    const name = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>`;
    const scrollsX = (el: Element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
    /** Drawn at all: laid out, visible, and not the 1 px box of visually-hidden text. */
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return el.getClientRects().length > 0 && r.width > 1 && r.height > 1 && getComputedStyle(el).visibility !== 'hidden';
    };
    /** Inside a box that scrolls or clips sideways on its own (its own problem, checked below), not the page. */
    const contained = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrollsX(p)) return true;
      return false;
    };
    const cap = (list: string[], what: string) => {
      if (list.length) out.push(`${what}: ${list.slice(0, 4).join(', ')}${list.length > 4 ? ` and ${list.length - 4} more` : ''}`);
    };

    const beyond: string[] = [];
    const small: string[] = [];
    const unannounced: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.closest('script, style, noscript, template') || !shown(el)) continue;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      // Only the outermost element that sticks out: its children would repeat it.
      if ((r.right > width + 1 || r.left < -1) && style.position !== 'fixed' && !contained(el)) {
        const parent = el.parentElement!.getBoundingClientRect();
        if (el.parentElement === document.body || (parent.right <= width + 1 && parent.left >= -1)) beyond.push(`${name(el)} (${Math.round(r.left)}–${Math.round(r.right)} px)`);
      }
      const overflowsX = el.scrollWidth > el.clientWidth + 1 && /(auto|scroll)/.test(style.overflowX) && !el.matches('input, textarea, select');
      if (overflowsX) {
        const named = el.hasAttribute('aria-label') || el.hasAttribute('aria-labelledby');
        const role = el.getAttribute('role');
        const focusable = el.hasAttribute('tabindex') && Number(el.getAttribute('tabindex')) >= 0;
        if (!role || !named || !focusable) unannounced.push(`${name(el)} (${[!role && 'no role', !named && 'no name', !focusable && 'no tabindex'].filter(Boolean).join(', ')})`);
      }
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent!.trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('script, style, noscript, template, [hidden]') || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < minText - 0.05) small.push(`"${text.slice(0, 24)}${text.length > 24 ? '…' : ''}" at ${size.toFixed(1)} px in ${name(el)}`);
    }
    cap(beyond, `boxes beyond the ${width} px screen`);
    cap(small, `text smaller than ${minText} px`);
    cap(unannounced, 'sideways scroll regions not announced (role, name and tabindex="0")');
    return out;
  }, { maxWidth: PHONE_MAX_WIDTH, minText: MIN_TEXT_PX });
}
