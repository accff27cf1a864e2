/**
 * Accessibility and languages across the whole SPA, in a real browser against the real local stack: every page,
 * the contract to sign included, in zh-CN and English, each at a desktop and a phone width, scanned by axe with no
 * serious or critical finding. Each page must also have a title, one <main>, one h1, and show no dictionary key or
 * raw code as text; the English pages show no Chinese beyond the brand and the applicants' own data; at phone width
 * no page scrolls sideways.
 *
 * Sized for a small, busy machine: one browser, one page open at a time, each page state its own test with its own
 * timeout, and both widths scanned in the same tab (resized, not reloaded), so the cost is the scans, not the waits.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateCreditCode } from '../../shared/credit-code.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndSubmit, importTargetList, listedApplication, signedAndActive, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';
import { ensureWebBuild, launchChromium, seriousA11yViolations, signIn, watchConsole } from './browser.js';
import { phoneProblems } from './checks/phone.js';
import { leakProblems } from './checks/leaks.js';

type Lang = 'zh-CN' | 'en';
const LANGS: Lang[] = ['zh-CN', 'en'];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** One page state at both widths: a scan costs seconds on two busy cores, so the budget is per page, not per suite. */
const PAGE_TIMEOUT_MS = 90_000;
/** Chinese an English page may show: the brand, what applicants typed (their purposes), their enterprises' registered names and legal representatives. */
const BRAND_ZH = '科贷';

// Before the stack starts: it serves web/dist only if the build exists when it starts.
beforeAll(ensureWebBuild);
const api = useLocalStack();

let browser: Browser;
const consoleErrors: string[] = [];
/** One in-review application per language, so each language's staff walk finds one still to claim. */
const ids = { draft: '', approved: '', rejected: '', loan: '', committee: '', inReview: {} as Record<Lang, string> };
const applicantData: string[] = [];

beforeAll(async () => {
  // Assigned as soon as it is up, so afterAll closes it even when a fixture fails.
  const launched = launchChromium().then((b) => { browser = b; });
  const token = await api.token('applicant@demo.kedai');
  const hq = await api.token('hq@demo.kedai');
  /** Data applicants typed or the bank holds of them, shown back on their pages: Chinese an English page may show. */
  const keep = (...xs: (string | undefined)[]) => applicantData.push(...xs.filter((x): x is string => !!x));
  const keepNegativeListEntries = async (creditCode: string) => {
    // What the negative list says of a rejected firm, as its source wrote it (a Chinese authority's record).
    const entries = await api.call('GET', `/api/admin/negative-list?creditCode=${creditCode}`, { token: hq });
    for (const e of entries.body as { detail?: string; source?: string }[]) keep(e.detail, e.source);
  };
  // The fixtures are independent of one another: made side by side, so the suite waits for the slowest, not the sum.
  const decidedCases = async () => {
    // A negative-listed firm: rejected automatically whatever the day (weak firms may be referred rather than rejected).
    const weak = await listedApplication(api, token);
    const approved = await strongApplication(api, token);
    const inReview = await Promise.all(LANGS.map(() => strongApplication(api, token, '410300', { amount: 200_000_000 })));
    const [draft, ok, no, ...review] = await Promise.all([
      api.call('POST', '/api/applications', { token, body: await strongApplication(api, token), headers: { 'Idempotency-Key': randomUUID() } }).then((r) => r.body.id as string),
      applyAndSubmit(api, token, approved),
      applyAndSubmit(api, token, weak),
      ...inReview.map((input) => applyAndSubmit(api, token, input)),
    ]);
    Object.assign(ids, { draft, approved: ok, rejected: no, inReview: Object.fromEntries(LANGS.map((l, i) => [l, review[i]])) });
    const decided = await Promise.all([ok, no, ...review].map((id) => waitForDecision(api, token, id, 60_000)));
    expect(decided.map((a) => a.status)).toEqual(['approved', 'rejected', ...review.map(() => 'in-review')]);
    for (const input of [approved, weak, ...inReview]) keep(input.enterprise.name, input.loan.purpose, input.enterprise.industry);
    await keepNegativeListEntries(weak.enterprise.creditCode);
  };
  // A loan with its schedule (my loans).
  const loan = async () => {
    const borrowed = await strongApplication(api, token);
    ids.loan = await applyAndSubmit(api, token, borrowed);
    expect((await waitForDecision(api, token, ids.loan)).status).toBe('approved');
    keep(borrowed.enterprise.name, borrowed.loan.purpose, borrowed.enterprise.industry);
    await signedAndActive(api, 'applicant@demo.kedai', ids.loan);
  };
  // A target list's lead for Zhengzhou's product manager (issue 15's pages).
  const lead = async () => {
    const firm = { creditCode: generateCreditCode(Math.random, '410100'), name: '郑州新创软件有限公司', city: '郑州市' };
    const imported = await importTargetList(api, hq, [firm]);
    expect(imported.summary.leads).toBe(1);
    keep(firm.name);
  };
  // A case that went through staff review and a committee vote, for the borrower's timeline (no staff names on it).
  const committeeCase = async () => {
    const listed = await listedApplication(api, token);
    ids.committee = await applyAndSubmit(api, token, listed);
    expect((await waitForDecision(api, token, ids.committee, 60_000)).status).toBe('rejected');
    const staffPost = async (user: string, path: string, body: unknown) => api.call('POST', `/api/applications/${ids.committee}/${path}`, { token: await api.token(user), body });
    expect((await staffPost('am.zhengzhou@demo.kedai', 'reconsider', { comment: '失信记录已于上月移除' })).status).toBe(200);
    expect((await staffPost('rm.zhengzhou@demo.kedai', 'opinions', { opinion: 'approve', comment: '记录已移除，经营正常' })).status).toBe(200);
    for (const [cm, vote] of [['cm1', 'for'], ['cm2', 'against'], ['cm3', 'for']]) await staffPost(`${cm}@demo.kedai`, 'votes', { vote, comment: '同意上会意见' });
    keep(listed.enterprise.name, listed.loan.purpose, listed.enterprise.industry);
    await keepNegativeListEntries(listed.enterprise.creditCode);
  };
  await Promise.all([launched, decidedCases(), loan(), lead(), committeeCase()]);
  // The enterprises the demo applicants represent, each fixture's firm among them once verified above: their
  // registered (Chinese) names are their own data too.
  for (const who of ['applicant@demo.kedai', 'applicant2@demo.kedai']) {
    const listed = await api.call('GET', '/api/enterprises', { token: await api.token(who) });
    keep(...(listed.body as { name: string }[]).map((e) => e.name));
  }
  // The registry's name and legal representative, as the submitted applications record them (the staff portrait
  // shows both; staff never see the draft).
  for (const id of [ids.approved, ids.rejected, ids.loan, ids.committee, ...Object.values(ids.inReview)]) {
    const seen = await api.call('GET', `/api/applications/${id}`, { token: hq });
    expect(seen.status, JSON.stringify(seen.body)).toBe(200);
    const e = seen.body.enterprise as { name: string; legalRepresentative?: { name: string } };
    keep(e.name, e.legalRepresentative?.name);
  }
}, 360_000);
afterAll(async () => { await browser?.close(); });

/** Waits for two frames, so a resize has been laid out and painted before anything is measured. */
const settled = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** Everything wrong with the page as it stands: axe's serious findings, structure, and text that was never translated. */
async function problems(page: Page, lang: Lang): Promise<string[]> {
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await page.locator('main h1').first().waitFor();
  await page.locator('.loading').waitFor({ state: 'detached' });
  const found = await page.evaluate(() => {
    const out: string[] = [];
    if (!document.title.trim()) out.push('empty <title>');
    const mains = document.querySelectorAll('main, [role="main"]').length;
    if (mains !== 1) out.push(`${mains} main landmarks`);
    const h1s = document.querySelectorAll('h1').length;
    if (h1s !== 1) out.push(`${h1s} h1 elements`);
    return out;
  });
  return [...found, ...await seriousA11yViolations(page), ...await phoneProblems(page), ...await leakProblems(page, { lang, allowed: [BRAND_ZH, ...applicantData] })];
}

/** The page scrolls sideways: the document is wider than the window, with the elements that stick out named. */
async function sidewaysScroll(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth + 1) return [];
    const scrolls = (el: Element) => /(auto|scroll|hidden|clip)/.test(getComputedStyle(el).overflowX);
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      if (el.getBoundingClientRect().right <= doc.clientWidth + 1) continue;
      // Inside a container that scrolls or clips on its own, the page itself does not move.
      let p = el.parentElement;
      while (p && p !== document.body && !scrolls(p)) p = p.parentElement;
      if (p && p !== document.body) continue;
      const name = `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}>`;
      culprits.push(name);
      if (culprits.length >= 3) break;
    }
    return [`scrolls sideways at ${doc.clientWidth} px (${doc.scrollWidth} px wide): ${culprits.join(', ')}`];
  });
}

/** The page as it stands at the desktop width, then the same tab at phone width (no reload), labelled by width. */
async function atBothWidths(page: Page, lang: Lang): Promise<string[]> {
  await page.setViewportSize(DESKTOP);
  await settled(page);
  const desktop = await problems(page, lang);
  await page.setViewportSize(PHONE);
  await settled(page);
  const phone = [...await problems(page, lang), ...await sidewaysScroll(page)];
  await page.setViewportSize(DESKTOP);
  return [...desktop.map((p) => `desktop: ${p}`), ...phone.map((p) => `phone: ${p}`)];
}

describe.each(LANGS)('every page in %s, at desktop and phone width', (lang) => {
  const contexts = new Map<string, Promise<Page>>();
  afterAll(async () => { for (const p of contexts.values()) await (await p).context().close().catch(() => {}); });

  /** One window per person in this language, chosen with the header's switch and remembered from then on. */
  function as(username = ''): Promise<Page> {
    let page = contexts.get(username);
    if (!page) {
      page = (async () => {
        const context: BrowserContext = await browser.newContext({ locale: lang, viewport: DESKTOP });
        const p = await context.newPage();
        consoleErrors.push(...watchConsole(p));
        await p.goto(`${api.stack.url}/sign-in`);
        if (lang !== 'zh-CN') await p.getByTestId('language').selectOption(lang);
        await p.waitForFunction((l) => document.documentElement.lang === l, lang);
        if (username) await signIn(p, api.stack.url, username);
        return p;
      })();
      contexts.set(username, page);
    }
    return page;
  }
  async function visit(page: Page, path: string, ready?: string) {
    await page.goto(`${api.stack.url}${path}`);
    if (ready) await page.locator(ready).first().waitFor();
  }
  /** One page state, its own test and timeout. */
  const scan = (name: string, run: () => Promise<Page>) => it(name, async () => {
    const page = await run();
    expect(await atBothWidths(page, lang)).toEqual([]);
  }, PAGE_TIMEOUT_MS);

  it('catches what it looks for when it is planted in a page', async () => {
    const page = await as();
    await visit(page, '/sign-in', 'main h1');
    await page.locator('main').evaluate((main) => {
      main.insertAdjacentHTML('beforeend', '<p>apply.step.loan</p><p title="review-approved">x</p><input type="text"><h1>二</h1><p>未翻译</p>'
        + '<p>经办 rm.zhengzhou@demo.kedai</p><p>额度 2000000000</p><p>Missing core documents: legal-rep-id.</p><p>类型 application/pdf</p>'
        + '<div id="too-wide"></div><div id="own-scroll"><div id="scrolls-in-its-box"></div></div>');
      // Styles through the CSSOM: the CSP refuses inline style attributes.
      for (const id of ['too-wide', 'scrolls-in-its-box']) Object.assign(document.getElementById(id)!.style, { width: '2000px', height: '1px' });
      document.getElementById('own-scroll')!.style.overflowX = 'auto';
    });
    const found = (await atBothWidths(page, lang)).join('\n');
    expect(found).toContain('"apply.step.loan"');
    expect(found).toContain('"review-approved"');
    expect(found).toContain('2 h1 elements');
    expect(found).toMatch(/^desktop: label: /m);
    expect(found).toMatch(/^phone: scrolls sideways at 390 px .*#too-wide/m);
    expect(found).not.toContain('scrolls-in-its-box');
    for (const leak of ["staff sign-in name on an applicant's page", 'amount without separators (fen?): "2000000000"', 'code "legal-rep-id" inside text', 'MIME type shown']) expect(found).toContain(leak);
    if (lang === 'zh-CN') expect(found).toContain('English on a Chinese page: "Missing core documents');
    if (lang === 'en') expect(found).toContain('"未翻译"');
    else expect(found).not.toContain('未翻译');
    // Data inside other data (an industry inside a firm's name) is allowed whole, whichever is listed first.
    await page.locator('main').evaluate((main) => main.insertAdjacentHTML('beforeend', '<p>郑州博兴农业科技有限公司</p>'));
    const nested = await leakProblems(page, { lang, allowed: ['农业科技', '郑州博兴农业科技有限公司'] });
    expect(nested.filter((p) => p.includes('郑州博兴'))).toEqual([]);
  }, PAGE_TIMEOUT_MS);

  scan('sign-in, signed out', async () => {
    const page = await as();
    await visit(page, '/sign-in', 'main h1');
    return page;
  });
  scan('sign-in refused', async () => {
    const page = await as();
    await visit(page, '/sign-in', 'main h1');
    await page.locator('#username').fill('nobody@demo.kedai');
    await page.locator('#password').fill('wrong-password-1');
    await page.getByTestId('sign-in-form').locator('button[type=submit]').click();
    await page.getByTestId('error').waitFor();
    return page;
  });
  scan('front page, signed out, with an estimate', async () => {
    const page = await as();
    await visit(page, '/', 'main h1');
    const estimator = page.getByTestId('estimator');
    await estimator.locator('#f-est-creditCode').fill(generateCreditCode(() => 0.31, '410300'));
    await estimator.locator('#f-est-establishedOn').fill('2016-05-01');
    for (const [id, value] of [['revenue', '5000'], ['totalAssets', '4000'], ['totalLiabilities', '1500'], ['rdExpense', '400']]) {
      await estimator.locator(`#f-est-${id}`).fill(value);
    }
    await estimator.locator('button[type=submit]').click();
    await page.locator('dl.estimate').waitFor();
    return page;
  });
  scan('sign-up with its messages', async () => {
    const page = await as();
    await visit(page, '/sign-up', 'main h1');
    await page.getByTestId('sign-up-form').locator('button[type=submit]').click();
    await page.getByTestId('error-username').waitFor();
    return page;
  });
  scan('confirm sign-up', async () => {
    const page = await as();
    await visit(page, '/sign-up/confirm?username=%2B8613800000000', 'main h1');
    return page;
  });
  scan('forgot password', async () => {
    const page = await as();
    await visit(page, '/forgot-password', 'main h1');
    return page;
  });
  scan('reset password with its messages', async () => {
    const page = await as();
    await visit(page, '/reset-password?username=someone%40example.cn', 'main h1');
    await page.getByTestId('reset-form').locator('button[type=submit]').click();
    await page.getByTestId('error-code').waitFor();
    return page;
  });
  scan('not found', async () => {
    const page = await as();
    await visit(page, '/no-such-page');
    return page;
  });

  scan('home of an applicant with no applications: my applications, empty', async () => {
    const page = await as('applicant2@demo.kedai');
    await visit(page, '/', '.empty');
    expect(new URL(page.url()).pathname).toBe('/applications');
    return page;
  });
  scan('my applications with items', async () => {
    const page = await as('applicant@demo.kedai');
    await visit(page, '/applications', '[data-testid="application-list"]');
    // The fixtures (draft, approved, rejected, the loan's, the committee case, one in review per language), plus
    // the draft an earlier language's wizard walk saved.
    const own = await api.call('GET', '/api/applications', { token: await api.token('applicant@demo.kedai') });
    expect(own.body.length).toBeGreaterThanOrEqual(5 + LANGS.length);
    expect(await page.locator('[data-testid="application-list"] > li').count()).toBe(own.body.length);
    return page;
  });
  const applicantPage = (name: string, path: () => string, ready: string) => scan(name, async () => {
    const page = await as('applicant@demo.kedai');
    await visit(page, path(), ready);
    return page;
  });
  applicantPage('documents of a draft', () => `/applications/${ids.draft}/documents`, '[data-testid="doc-business-licence"]');
  applicantPage('status: draft', () => `/applications/${ids.draft}`, '[data-status="draft"]');
  applicantPage('status: in review', () => `/applications/${ids.inReview[lang]}`, '[data-status="in-review"]');
  applicantPage('status: approved with its offer', () => `/applications/${ids.approved}`, '[data-testid="offer"]');
  // The contract before signing, once pdf.js has drawn every page and laid its text over them.
  applicantPage('the contract to sign', () => `/applications/${ids.approved}/contract`, '[data-testid="pdf-reader"][data-done="true"] .pdf-page[data-rendered="true"]');
  // On a phone the contract opens as text; at the desktop width it is one tap away (and then scanned at both).
  scan('the contract as text', async () => {
    const page = await as('applicant@demo.kedai');
    await visit(page, `/applications/${ids.approved}/contract`, '[data-testid="view-text"]');
    await page.getByTestId('view-text').click();
    await page.getByTestId('contract-text').waitFor();
    return page;
  });
  applicantPage('my loans with the schedule', () => '/loans', '[data-testid="schedule"]');
  applicantPage('status: rejected', () => `/applications/${ids.rejected}`, '[data-testid="decision"][data-outcome="rejected"]');
  applicantPage('status: decided by the committee, with its timeline', () => `/applications/${ids.committee}`, '[data-testid="timeline"] li[data-event="vote"]');
  applicantPage('my enterprises', () => '/enterprises', '[data-testid="enterprise-list"]');
  applicantPage('documents, no longer editable', () => `/applications/${ids.approved}/documents`, '[data-status="approved"]');

  describe('new application: each step, empty with its messages and then filled', () => {
    const wizard = () => as('applicant@demo.kedai');
    const fill = async (page: Page, fields: Record<string, string>) => { for (const [id, value] of Object.entries(fields)) await page.locator(`#${id}`).fill(value); };
    const atStep = async (page: Page, n: number) => { await page.locator(`.stepper li:nth-child(${n})[aria-current="step"]`).waitFor(); return page; };
    /** Next with the step's fields still empty: its messages beside the fields. */
    const withMessages = async (page: Page, firstError: string) => {
      await page.getByTestId('next').click();
      await page.getByTestId(`error-${firstError}`).waitFor();
      return page;
    };

    scan('step 1', async () => {
      const page = await wizard();
      await visit(page, '/applications/new');
      return atStep(page, 1);
    });
    // The form comes pre-filled from the verified enterprise's profile: empty a field to see its message.
    scan('step 1 with messages', async () => {
      const page = await wizard();
      await page.getByTestId('prefilled').waitFor();
      await fill(page, { 'f-enterprise-name': '' });
      return withMessages(page, 'enterprise.name');
    });
    scan('step 2', async () => {
      const page = await wizard();
      await fill(page, {
        'f-enterprise-name': 'Henan Zhisuan Technology Co., Ltd.', 'f-enterprise-industry': 'software',
        'f-enterprise-establishedOn': '2014-05-01', 'f-enterprise-employees': '120', 'f-enterprise-techStaff': '60',
      });
      await page.locator('#f-enterprise-labels').check();
      await page.getByTestId('next').click();
      return atStep(page, 2);
    });
    scan('step 2 with messages', async () => {
      const page = await wizard();
      await fill(page, { 'f-enterprise-financials-revenue': '' });
      return withMessages(page, 'enterprise.financials.revenue');
    });
    scan('step 3', async () => {
      const page = await wizard();
      await fill(page, {
        'f-enterprise-financials-revenue': '80000000', 'f-enterprise-financials-totalAssets': '60000000', 'f-enterprise-financials-totalLiabilities': '18000000',
        'f-enterprise-financials-netProfit': '9000000', 'f-enterprise-financials-rdExpense': '8000000',
      });
      await page.getByTestId('next').click();
      return atStep(page, 3);
    });
    scan('step 3 with messages', async () => withMessages(await wizard(), 'loan.amount'));
    scan('step 4', async () => {
      const page = await wizard();
      await fill(page, { 'f-loan-amount': '300000', 'f-loan-purpose': 'Working capital' });
      await page.getByTestId('next').click();
      return atStep(page, 4);
    });
    scan('step 4 with messages', async () => withMessages(await wizard(), 'consents.data-use'));
    scan('step 4 with a consent recorded', async () => {
      const page = await wizard();
      await page.getByTestId('consent-data-use').check();
      return page;
    });
  });

  describe('staff', () => {
    const am = () => as('am.luoyang@demo.kedai');
    const hq = () => as('hq@demo.kedai');
    // The risk review is the risk manager's stage: only they are offered its claim and opinion form.
    const rm = () => as('rm.luoyang@demo.kedai');
    scan('queue', async () => {
      const page = await am();
      await visit(page, '/staff', `[data-testid="queue-row"][data-id="${ids.inReview[lang]}"]`);
      return page;
    });
    scan('review, unclaimed', async () => {
      const page = await rm();
      await visit(page, `/staff/applications/${ids.inReview[lang]}`, '[data-testid="claim"]');
      return page;
    });
    scan('review, claimed with the opinion form', async () => {
      const page = await rm();
      await page.getByTestId('claim').click();
      await page.getByTestId('opinion-form').waitFor();
      return page;
    });
    scan('queue, other filter', async () => {
      const page = await am();
      await visit(page, '/staff?status=approved', '[data-testid="queue-empty"], [data-testid="queue"]');
      return page;
    });
    scan('dashboard', async () => {
      const page = await hq();
      await visit(page, '/staff/dashboard', '[data-testid="chart-by-branch"] canvas');
      return page;
    });
    scan('dashboard with a chart as a table', async () => {
      const page = await hq();
      await page.getByTestId('chart-by-status').locator('summary').click();
      return page;
    });
    scan('review, approved', async () => {
      const page = await hq();
      await visit(page, `/staff/applications/${ids.approved}`, '[data-testid="offer"]');
      return page;
    });
    scan('leads of a product manager', async () => {
      const page = await as('pm.zhengzhou@demo.kedai');
      await visit(page, '/leads', '[data-testid^="leads-"]');
      return page;
    });
    scan('target lists of head office', async () => {
      const page = await hq();
      await visit(page, '/target-lists', 'main h1');
      return page;
    });
    scan('review, rejected', async () => {
      const page = await hq();
      await visit(page, `/staff/applications/${ids.rejected}`, '[data-testid="decision"]');
      return page;
    });
  });
});

it('ran without script errors or CSP violations', () => {
  // The refused sign-in (401) is an expected failed request.
  expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
});
