/**
 * What must not leak onto a page (issue 16, "Leaks"), checked in the page as it stands:
 * - a dictionary key (`apply.step.loan`) or an enumerated code (`review-approved`) shown as the whole text;
 * - on a Chinese page, English sentences (three Latin words in a row) outside the data people typed;
 * - on an English page, Chinese outside that data (the brand, names, purposes, a court's record);
 * - anywhere, the portal's own codes inside text (`core-banking`, `legal-rep-id`, `amount-above-auto-ceiling`),
 *   MIME types (`application/pdf`), and amounts of 7 or more digits without separators (fen shown as if yuan);
 * - on an applicant's page, the sign-in names of the bank's staff and committee members.
 * test/e2e/a11y.test.ts calls it from problems() on every page state, in both languages, at both widths.
 */
import type { Page } from 'playwright-core';
import { DOCUMENT_KINDS, PRODUCTS, REPAYMENT_METHODS, TIERS, APPLICATION_STATUSES } from '../../../shared/catalog.js';
import { SYSTEM_ACTORS } from '../../../shared/lifecycle.js';
import { NEGATIVE_LIST_NAMES, REASON_CODES } from '../../../shared/reasons.js';

/** Codes a reader would not understand, where English prose could not produce them (hyphenated or colon-joined). */
const KNOWN_CODES = [
  ...SYSTEM_ACTORS, ...DOCUMENT_KINDS, ...PRODUCTS, ...REPAYMENT_METHODS, ...TIERS, ...APPLICATION_STATUSES,
  ...REASON_CODES, ...Object.keys(NEGATIVE_LIST_NAMES), 'tech-sme', 'little-giant', 'bank-staff',
].filter((c) => /[-:]/.test(c));

/** The demo stack's staff, committee and head-office sign-in names (functions/local/demo-accounts.ts). */
const STAFF_NAME = String.raw`\b(?:(?:am|rm|ap|pm)\.[a-z]+|cm\d+|hq\d*)@demo\.kedai\b`;

export interface LeakOptions {
  lang: 'zh-CN' | 'en';
  /** What people typed or a source wrote (names, purposes, a court's record): shown as given, in any script. */
  allowed: string[];
}

/** A dictionary key (`apply.step.loan`) or an enumerated code (`review-approved`) shown as if it were text. */
const RAW_KEY = /^[a-z]+(\.[a-zA-Z0-9-]+)+$/;
const RAW_CODE = /^[a-z]+(-[a-z0-9]+)+$/;

/** The console's pages (web/src/routes.ts): where staff see each other's names. Everything else is the applicant's. */
const STAFF_PATHS = ['/staff', '/leads', '/target-lists'];

export async function leakProblems(page: Page, { lang, allowed }: LeakOptions): Promise<string[]> {
  const path = new URL(page.url()).pathname;
  const applicantPage = !STAFF_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
  // Longest first, so a name containing another (or an industry inside a name) is removed whole.
  const data = [...new Set(allowed)].filter(Boolean).sort((a, b) => b.length - a.length);
  return page.evaluate(({ lang, data, codes, staffName, applicantPage, rawKey, rawCode }) => {
    const out: string[] = [];
    const texts: { text: string; el: Element }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (el.closest('script, style, noscript, template')) continue;
      const text = n.textContent!.trim();
      if (text) texts.push({ text, el });
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
      for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
        const text = el.getAttribute(attr)?.trim();
        if (text) texts.push({ text, el });
      }
    }
    const staff = new RegExp(staffName, 'i');
    const raw = [new RegExp(rawKey), new RegExp(rawCode)];
    const where = (el: Element) => `<${el.tagName.toLowerCase()}>`;
    for (const { text, el } of texts) {
      if (raw.some((r) => r.test(text))) out.push(`raw key or code shown: "${text}" in ${where(el)}`);
      if (applicantPage && staff.test(text)) out.push(`staff sign-in name on an applicant's page: "${text}" in ${where(el)}`);
      // An element that declares its language (the language switch's own name) is allowed that language.
      const declared = el.closest('[lang]')?.getAttribute('lang') ?? '';
      const rest = data.reduce((s, d) => s.replaceAll(d, ' '), text)
        // Data, not words: addresses and sign-in names, uploaded files' names, an enterprise's registered English name.
        .replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ').replace(/\S+\.(?:pdf|png|jpe?g|csv|xlsx)\b/gi, ' ')
        .replace(/(?:[A-Z][A-Za-z&]*[\s,]+)+Co\., Ltd\./g, ' ');
      if (/\b(?:application|image|text)\/[a-z0-9.+-]+/i.test(rest)) out.push(`MIME type shown: "${text}" in ${where(el)}`);
      const code = codes.find((c) => new RegExp(`(^|[^a-z-])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z-])`).test(rest));
      if (code && rest !== code) out.push(`code "${code}" inside text: "${text}" in ${where(el)}`);
      // Digits inside a reference (KD-20261202-…) are not an amount; nor are account, credit-code or ID numbers
      // (12 digits or more: no loan here is 10 billion yuan), nor a mainland mobile number.
      for (const m of rest.matchAll(/(?<![\dA-Za-z+.,-])\d{7,}(?![\dA-Za-z-])/g)) {
        if (m[0].length >= 12 || (m[0].length === 11 && m[0].startsWith('1'))) continue;
        out.push(`amount without separators (fen?): "${m[0]}" in "${text}" in ${where(el)}`);
      }
      if (lang === 'en' && !declared.startsWith('zh') && /\p{Script=Han}/u.test(rest) && !el.closest('[aria-hidden="true"]')) {
        out.push(`Chinese on the English page: "${text}" in ${where(el)}`);
      }
      if (lang === 'zh-CN' && !declared.startsWith('en')) {
        if (/(?<![A-Za-z0-9-])[a-z]+(?:-[a-z]+)+(?![A-Za-z0-9-])/.test(rest.replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, ' '))) {
          out.push(`code-like word on a Chinese page: "${text}" in ${where(el)}`);
        }
        if (/[A-Za-z]{2,}[\s,;:'’]+[A-Za-z]{2,}[\s,;:'’]+[A-Za-z]{2,}/.test(rest)) out.push(`English on a Chinese page: "${text}" in ${where(el)}`);
      }
    }
    return [...new Set(out)];
  }, { lang, data, codes: KNOWN_CODES, staffName: STAFF_NAME, applicantPage, rawKey: RAW_KEY.source, rawCode: RAW_CODE.source });
}
