/**
 * Accessibility and languages across the whole SPA, in a real browser against the real local stack: every page,
 * the contract to sign included, in zh-CN and English, at a desktop and a phone width, scanned by axe with no
 * serious or critical finding. Each page must also have a title, one <main>, one h1, and show no
 * dictionary key or raw code as text; the English pages show no Chinese beyond the brand and the applicants'
 * own data.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCreditCode } from '../../shared/credit-code.js';
import { WEAK_APPLICANT } from '../../shared/fixtures.js';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';
import { ensureWebBuild, launchChromium, seriousA11yViolations, signIn, watchConsole } from './browser.js';

type Lang = 'zh-CN' | 'en';
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** A dictionary key (`apply.step.loan`) or an enumerated code (`review-approved`) shown as if it were text. */
const RAW_KEY = /^[a-z]+(\.[a-zA-Z0-9-]+)+$/;
const RAW_CODE = /^[a-z]+(-[a-z0-9]+)+$/;
/** Chinese an English page may show: the brand, and what applicants typed (their names, their purposes). */
const BRAND_ZH = '科贷';

// Before the stack starts: it serves web/dist only if the build exists when it starts.
beforeAll(ensureWebBuild);
const api = useLocalStack();

let browser: Browser;
const consoleErrors: string[] = [];
const COMBOS = [['zh-CN', 'desktop'], ['zh-CN', 'phone'], ['en', 'desktop'], ['en', 'phone']] as const;
/** One in-review application per combination, so each finds one still to claim. */
const ids = { draft: '', approved: '', rejected: '', inReview: [] as string[] };
const applicantData: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  const token = await api.token('applicant@demo.kedai');
  let seed = 0.4242;
  const rng = () => { seed = (seed * 9301 + 0.49297) % 1; return seed; };
  const weak = { ...WEAK_APPLICANT, enterprise: { ...WEAK_APPLICANT.enterprise, creditCode: generateCreditCode(rng, '410100') } };
  const approved = strongApplication();
  const inReview = COMBOS.map(() => strongApplication('410300', { amount: 200_000_000 }));
  const [draft, ok, no, ...review] = await Promise.all([
    api.call('POST', '/api/applications', { token, body: strongApplication(), headers: { 'Idempotency-Key': randomUUID() } }).then((r) => r.body.id as string),
    applyAndSubmit(api, token, approved),
    applyAndSubmit(api, token, weak),
    ...inReview.map((input) => applyAndSubmit(api, token, input)),
  ]);
  Object.assign(ids, { draft, approved: ok, rejected: no, inReview: review });
  const decided = await Promise.all([ok, no, ...review].map((id) => waitForDecision(api, token, id)));
  expect(decided.map((a) => a.status)).toEqual(['approved', 'rejected', ...review.map(() => 'in-review')]);
  for (const input of [approved, weak, ...inReview]) applicantData.push(input.enterprise.name, input.loan.purpose, input.enterprise.industry);
});
afterAll(async () => { await browser?.close(); });

/** Everything wrong with the page as it stands: axe's serious findings, structure, and text that was never translated. */
async function problems(page: Page, lang: Lang): Promise<string[]> {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await page.locator('main h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
  const found = await page.evaluate(({ rawKey, rawCode, lang, allowedZh }) => {
    const out: string[] = [];
    if (!document.title.trim()) out.push('empty <title>');
    const mains = document.querySelectorAll('main, [role="main"]').length;
    if (mains !== 1) out.push(`${mains} main landmarks`);
    const h1s = document.querySelectorAll('h1').length;
    if (h1s !== 1) out.push(`${h1s} h1 elements`);
    // Text people read or hear: text nodes (select options included), and the attributes read aloud or shown.
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
    for (const { text, el } of texts) {
      if (new RegExp(rawKey).test(text) || new RegExp(rawCode).test(text)) out.push(`raw key or code shown: "${text}" in <${el.tagName.toLowerCase()}>`);
      if (lang !== 'en' || !/\p{Script=Han}/u.test(text)) continue;
      if (el.closest('[aria-hidden="true"]') || el.closest('[lang]')?.getAttribute('lang')?.startsWith('zh')) continue;
      const rest = allowedZh.reduce((s, allowed) => s.replaceAll(allowed, ''), text);
      if (/\p{Script=Han}/u.test(rest)) out.push(`Chinese on the English page: "${text}" in <${el.tagName.toLowerCase()}>`);
    }
    return out;
  }, { rawKey: RAW_KEY.source, rawCode: RAW_CODE.source, lang, allowedZh: [BRAND_ZH, ...applicantData] });
  return [...found, ...await seriousA11yViolations(page)];
}

// The four combinations run side by side (own contexts, own in-review application): the scans wait on Chromium.
describe.concurrent.each(COMBOS)('every page in %s at %s size', (lang, size) => {
  const inReview = () => ids.inReview[COMBOS.findIndex(([l, s]) => l === lang && s === size)];
  const opened: Page[] = [];

  /** A window of this size in this language, chosen with the header's switch and remembered from then on. */
  async function open(username?: string): Promise<Page> {
    const context = await browser.newContext({ locale: lang, viewport: VIEWPORTS[size] });
    const page = await context.newPage();
    opened.push(page);
    consoleErrors.push(...watchConsole(page));
    await page.goto(`${api.stack.url}/sign-in`);
    if (lang !== 'zh-CN') await page.getByTestId('language').selectOption(lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    if (username) await signIn(page, api.stack.url, username);
    return page;
  }
  async function visit(page: Page, path: string, ready?: string): Promise<string[]> {
    await page.goto(`${api.stack.url}${path}`);
    if (ready) await page.locator(ready).first().waitFor();
    return problems(page, lang);
  }
  afterAll(async () => { for (const p of opened) await p.context().close(); });

  it('sign-in and not-found, signed out', async () => {
    const page = await open();
    expect(await problems(page, lang), 'sign-in').toEqual([]);
    // A refused sign-in shows its message on the page.
    await page.locator('#username').fill('nobody@demo.kedai');
    await page.locator('#password').fill('wrong-password-1');
    await page.getByTestId('sign-in-form').locator('button[type=submit]').click();
    await page.getByTestId('error').waitFor();
    expect(await problems(page, lang), 'sign-in refused').toEqual([]);
    expect(await visit(page, '/no-such-page'), 'not-found').toEqual([]);
  });

  it('catches what it looks for when it is planted in a page', async () => {
    const page = await open();
    await page.locator('main').evaluate((main) => main.insertAdjacentHTML('beforeend',
      '<p>apply.step.loan</p><p title="review-approved">x</p><input type="text"><h1>二</h1><p>未翻译</p>'));
    const found = (await problems(page, lang)).join('\n');
    expect(found).toContain('"apply.step.loan"');
    expect(found).toContain('"review-approved"');
    expect(found).toContain('2 h1 elements');
    expect(found).toMatch(/^label: /m);
    if (lang === 'en') expect(found).toContain('"未翻译"');
    else expect(found).not.toContain('未翻译');
  });

  it('home and my applications, empty', async () => {
    const page = await open('applicant2@demo.kedai');
    expect(await visit(page, '/', '.empty'), 'home').toEqual([]);
    expect(new URL(page.url()).pathname).toBe('/applications');
    expect(await visit(page, '/applications', '.empty'), 'my applications, empty').toEqual([]);
  });

  it('my applications with items, documents, the status of a draft, in review, approved with offer, rejected, and the contract to sign', async () => {
    const page = await open('applicant@demo.kedai');
    expect(await visit(page, '/applications', '[data-testid="application-list"]'), 'my applications').toEqual([]);
    expect(await page.locator('[data-testid="application-list"] > li').count()).toBe(3 + ids.inReview.length);
    expect(await visit(page, `/applications/${ids.draft}/documents`, '[data-testid="doc-business-licence"]'), 'documents').toEqual([]);
    expect(await visit(page, `/applications/${ids.draft}`, '[data-status="draft"]'), 'status: draft').toEqual([]);
    expect(await visit(page, `/applications/${inReview()}`, '[data-status="in-review"]'), 'status: in review').toEqual([]);
    expect(await visit(page, `/applications/${ids.approved}`, '[data-testid="offer"]'), 'status: approved').toEqual([]);
    // The contract before signing, once pdf.js has drawn every page and laid its text over them.
    expect(await visit(page, `/applications/${ids.approved}/contract`, '[data-testid="pdf-reader"][data-done="true"] .pdf-page[data-rendered="true"]'), 'contract, to sign').toEqual([]);
    expect(await visit(page, `/applications/${ids.rejected}`, '[data-testid="decision"][data-outcome="rejected"]'), 'status: rejected').toEqual([]);
    expect(await visit(page, `/applications/${ids.approved}/documents`, '[data-status="approved"]'), 'documents, no longer editable').toEqual([]);
  }, 120_000);

  it('new application: each step, empty with its messages and then filled', async () => {
    const page = await open('applicant@demo.kedai');
    const fill = async (fields: Record<string, string>) => { for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value); };
    /** Step n as it opens, then after Next with its fields still empty: its messages beside the fields. */
    async function checkStep(n: number, firstError: string) {
      await page.locator(`.stepper li:nth-child(${n})[aria-current="step"]`).waitFor();
      expect(await problems(page, lang), `step ${n}`).toEqual([]);
      await page.getByTestId('next').click();
      await page.getByTestId(`error-${firstError}`).waitFor();
      expect(await problems(page, lang), `step ${n} with messages`).toEqual([]);
    }
    let seed = 0.777;
    const creditCode = generateCreditCode(() => { seed = (seed * 9301 + 0.49297) % 1; return seed; }, '410100');

    await page.goto(`${api.stack.url}/applications/new`);
    await checkStep(1, 'enterprise.name');
    await fill({
      'f-enterprise-name': 'Henan Zhisuan Technology Co., Ltd.', 'f-enterprise-creditCode': creditCode, 'f-enterprise-industry': 'software',
      'f-enterprise-establishedOn': '2014-05-01', 'f-enterprise-employees': '120', 'f-enterprise-techStaff': '60',
    });
    await page.locator('#f-enterprise-labels').check();
    await page.getByTestId('next').click();
    await checkStep(2, 'enterprise.financials.revenue');
    await fill({
      'f-enterprise-financials-revenue': '80000000', 'f-enterprise-financials-totalAssets': '60000000', 'f-enterprise-financials-totalLiabilities': '18000000',
      'f-enterprise-financials-netProfit': '9000000', 'f-enterprise-financials-rdExpense': '8000000',
    });
    await page.getByTestId('next').click();
    await checkStep(3, 'loan.amount');
    await fill({ 'f-loan-amount': '300000', 'f-loan-purpose': 'Working capital' });
    await page.getByTestId('next').click();
    await checkStep(4, 'consents.data-use');
    await page.getByTestId('consent-data-use').check();
    expect(await problems(page, lang), 'step 4 with a consent recorded').toEqual([]);
  }, 120_000);

  it('staff queue, dashboard and review pages', async () => {
    const am = await open('am.luoyang@demo.kedai');
    expect(await visit(am, '/staff', `[data-testid="queue-row"][data-id="${inReview()}"]`), 'queue').toEqual([]);
    expect(await visit(am, `/staff/applications/${inReview()}`, '[data-testid="claim"]'), 'review, unclaimed').toEqual([]);
    await am.getByTestId('claim').click();
    await am.getByTestId('opinion-form').waitFor();
    expect(await problems(am, lang), 'review, claimed with the opinion form').toEqual([]);
    expect(await visit(am, '/staff?status=approved', '[data-testid="queue-empty"], [data-testid="queue"]'), 'queue, other filter').toEqual([]);

    const hq = await open('hq@demo.kedai');
    expect(await visit(hq, '/staff/dashboard', '[data-testid="chart-by-branch"] canvas'), 'dashboard').toEqual([]);
    await hq.getByTestId('chart-by-status').locator('summary').click();
    expect(await problems(hq, lang), 'dashboard with a chart as a table').toEqual([]);
    expect(await visit(hq, `/staff/applications/${ids.approved}`, '[data-testid="offer"]'), 'review, approved').toEqual([]);
    expect(await visit(hq, `/staff/applications/${ids.rejected}`, '[data-testid="decision"]'), 'review, rejected').toEqual([]);
  }, 120_000);
});

it('ran without script errors or CSP violations', () => {
  // The refused sign-in (401) is an expected failed request.
  expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
});
