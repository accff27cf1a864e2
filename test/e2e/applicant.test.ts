/**
 * The applicant's whole path in a real browser (Debian's Chromium through playwright-core) against the
 * real local stack: sign in, fill the stepwise form, upload the three core documents, submit, and see the
 * automatic approval with its reasons and schedule, in Chinese and then in English.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { generateCreditCode } from '../../shared/credit-code.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../functions/local/stack.js';
import { DEMO_PASSWORD, ensureWebBuild, launchChromium, seriousA11yViolations, signIn, watchConsole } from './browser.js';

/** A tiny but well-formed PDF: the server checks the magic bytes against the declared type. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let stack: LocalStack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[] = [];

beforeAll(async () => {
  await ensureWebBuild();
  stack = await startLocalStack({
    port: 0,
    endpoints: inject('endpoints'),
    cognito: inject('cognito'),
    tableName: `kedai-e2e-${randomUUID().slice(0, 8)}`,
  });
  browser = await launchChromium();
  // A phone-sized window: the applicant's path must work on a phone.
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  page = await context.newPage();
  consoleErrors = watchConsole(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

/** The form's step moves after async checks (the schema's chunk, the service area), so a test waits for it. */
const atStep = (step: string) =>
  page.waitForFunction((s) => document.querySelector('[data-testid="application-form"]')?.getAttribute('data-step') === s, step);

describe('applicant in the browser', () => {
  let applicationUrl = '';

  it('shows an anonymous visitor the front page, whose estimator works signed out, and signs the applicant in from it', async () => {
    await page.goto(stack.url);
    await page.getByRole('heading', { level: 1, name: '科技型中小企业的在线贷款' }).waitFor();
    // The estimator answers in the page, from shared code: nothing is sent.
    const requests: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/api/')) requests.push(r.url()); });
    const estimator = page.getByTestId('estimator');
    await estimator.getByLabel('统一社会信用代码').fill(generateCreditCode(() => 0.42, '410100'));
    await estimator.getByLabel('成立日期').fill('2015-03-01');
    await estimator.getByLabel('上年营业收入（万元）').fill('8000');
    await estimator.getByLabel('资产总额（万元）').fill('6000');
    await estimator.getByLabel('负债总额（万元）').fill('2000');
    await estimator.getByLabel('上年研发投入（万元）').fill('600');
    await estimator.getByRole('button', { name: '估算' }).click();
    await page.getByTestId('estimate-result').getByText('参考额度').waitFor();
    expect(await page.getByTestId('estimate-result').textContent()).toMatch(/万元|元/);
    expect(requests).toEqual([]);
    await page.getByTestId('front-sign-in').click();
    await page.waitForURL(/\/sign-in/);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.getByLabel('用户名').fill('applicant@demo.kedai');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/applications$/);
    await page.getByTestId('new-application').click();
    await page.waitForURL(/\/applications\/new$/);
  });

  it('pre-fills the form from the verified enterprise, and shows the shared schema\'s messages next to the fields it refuses', async () => {
    // The demo applicant owns one verified demo enterprise; its profile fills the enterprise and financials steps.
    await page.getByTestId('prefilled').waitFor();
    await page.waitForFunction(() => (document.getElementById('f-enterprise-name') as HTMLInputElement | null)?.value);
    await page.getByLabel('企业名称').fill('');
    await page.getByTestId('next').click();
    await page.getByTestId('error-enterprise.name').waitFor();
    expect(await page.getByTestId('error-enterprise.name').textContent()).toContain('企业名称');
    // The message is announced with its field, and the first refused field has the focus.
    expect(await page.getByLabel('企业名称').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-enterprise-name');
  });

  it('finds every error of a step at that step, at once, with a message for missing, invalid and out of range', async () => {
    const value = (id: string) => page.locator(`#${id}`).inputValue();
    const [employees, techStaff] = [await value('f-enterprise-employees'), await value('f-enterprise-techStaff')];
    // One round: the empty name, a number that is there but not a number, and a division outside the service area.
    await page.getByLabel('员工人数').fill('12a');
    await page.getByLabel('注册地行政区划代码').fill('110105');
    await page.getByTestId('next').click();
    await page.getByTestId('error-enterprise.registeredDivision').waitFor();
    expect(await page.getByTestId('step-heading').textContent()).toContain('企业信息');
    expect(await page.getByTestId('error-enterprise.registeredDivision').textContent()).toContain('服务范围');
    expect(await page.getByTestId('error-enterprise.employees').textContent()).toContain('整数');
    expect(await page.getByTestId('error-enterprise.employees').textContent()).not.toContain('请输入员工人数');
    expect(await page.getByTestId('error-enterprise.name').count()).toBe(1);
    // More technical staff than employees is refused here, by the shared schema's rule.
    await page.getByLabel('员工人数').fill('80');
    await page.getByLabel('科技人员人数').fill('200');
    await page.getByLabel('注册地行政区划代码').fill('');
    await page.getByTestId('next').click();
    await page.getByTestId('error-enterprise.techStaff').waitFor();
    expect(await page.getByTestId('error-enterprise.techStaff').textContent()).toContain('不能超过员工总数');
    expect(await page.getByTestId('error-enterprise.registeredDivision').count()).toBe(0);
    await page.getByLabel('员工人数').fill(employees);
    await page.getByLabel('科技人员人数').fill(techStaff);
  });

  it('needs only the amount and the purpose typed (and the consents ticked) for a tech loan', async () => {
    const demo = stack.demoEnterprises.find((e) => e.username === 'applicant@demo.kedai')!;
    let typed = 0;
    const type = async (label: string, value: string) => { typed++; await page.getByLabel(label).fill(value); };

    await type('企业名称', demo.name);
    expect(await page.getByLabel('申请企业').inputValue()).toBe(demo.creditCode);
    await page.getByTestId('next').click();
    // Moving on is async (the service-area check asks the server), so wait for the step rather than read at once.
    await atStep('financials');
    expect(await page.getByTestId('step-heading').textContent()).toContain('财务数据');
    expect(await page.getByLabel('营业收入').inputValue()).toMatch(/^\d+(\.\d{1,2})?$/);
    await page.getByTestId('next').click();
    await atStep('loan');
    expect(await page.getByTestId('step-heading').textContent()).toContain('贷款需求');

    await type('申请金额', '300000');
    await type('贷款用途', '算力平台交付合同流动资金');
    expect(typed).toBeLessThanOrEqual(8);

    // Nothing typed is lost: a reload keeps the step and the values, Back goes to the previous step with its values.
    await page.reload();
    await page.waitForFunction(() => (document.getElementById('f-loan-amount') as HTMLInputElement | null)?.value === '300000');
    expect(await page.getByTestId('step-heading').textContent()).toContain('贷款需求');
    expect(await page.getByLabel('贷款用途').inputValue()).toBe('算力平台交付合同流动资金');
    await page.goBack();
    await atStep('financials');
    expect(await page.getByLabel('营业收入').inputValue()).toMatch(/^\d+(\.\d{1,2})?$/);
    await page.goBack();
    await atStep('enterprise');
    expect(await page.getByLabel('企业名称').inputValue()).toBe(demo.name);
    await page.goForward();
    await page.goForward();
    await atStep('loan');
    expect(await page.getByLabel('申请金额').inputValue()).toBe('300000');

    await page.getByTestId('next').click();
    await atStep('consents');
    expect(await page.getByTestId('step-heading').textContent()).toContain('授权与确认');
    expect(await page.getByTestId('summary').textContent()).toContain('300,000');
    // The loan step was valid, so the draft is on the server now: a new tab (as another device would) finds it.
    const draftId = await page.getByTestId('apply').getAttribute('data-draft');
    expect(draftId).toBeTruthy();
    const tab = await context.newPage();
    const tabErrors = watchConsole(tab);
    // A tab keeps its own session (sessionStorage): the new one signs in, as on another device.
    await signIn(tab, stack.url, 'applicant@demo.kedai');
    await tab.goto(`${stack.url}/applications`);
    await tab.getByTestId(`application-${draftId}`).click();
    await tab.waitForURL(new RegExp(`/applications/${draftId}$`));
    await tab.getByTestId('edit-draft').click();
    await tab.waitForFunction(() => (document.getElementById('f-enterprise-name') as HTMLInputElement | null)?.value);
    expect(await tab.getByLabel('企业名称').inputValue()).toBe(demo.name);
    await tab.getByTestId('draft-saved').waitFor();
    await tab.close();
    expect(tabErrors.filter((e) => !/favicon/.test(e))).toEqual([]);

    // Without the required consents the wizard does not move on to the documents.
    await page.getByTestId('next').click();
    await page.getByTestId('error-consents.data-use').waitFor();
    expect(page.url()).toMatch(/\/applications\/new\?/);

    for (const id of ['data-use', 'credit-inquiry', 'third-party-data']) await page.getByTestId(`consent-${id}`).check();
    expect(await page.getByText('已记录：文本版本 2026-01').count()).toBe(3);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A double click must not create two applications (button disabled + Idempotency-Key).
    await page.getByTestId('next').dblclick();
    await page.waitForURL(/\/applications\/[^/]+\/documents$/);
  });

  it('uploads the three core documents and shows each verified', async () => {
    for (const kind of ['business-licence', 'legal-rep-id', 'bank-account']) {
      await page.locator(`#doc-${kind}`).setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await page.locator(`[data-testid="doc-${kind}"][data-phase="verified"]`).waitFor({ timeout: 15_000 });
    }
    await page.getByTestId('missing-documents').waitFor({ state: 'detached' });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('submits and sees the automatic approval with reasons, offer and schedule', async () => {
    await page.getByTestId('submit-application').click();
    await page.waitForURL(/\/applications\/[^/]+$/);
    applicationUrl = page.url();
    // The page polls by itself while the workflow decides.
    await page.locator('[data-testid="application-status"][data-status="approved"]').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('decision').getAttribute('data-outcome')).toBe('approved');
    expect(await page.getByTestId('decision-outcome').textContent()).toBe('批准');
    expect(await page.locator('[data-testid="reasons"] li').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('offer-rate').textContent()).toMatch(/^\d+\.\d{2}%$/);
    expect(await page.locator('[data-testid="schedule"] tbody tr').count()).toBe(12);
    expect(await page.locator('[data-testid="schedule"] tfoot').textContent()).toContain('300,000');
    expect(await page.locator('[data-testid="timeline"] li[data-event="decision-approved"]').count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('switches the whole page to English, reasons included, and sets the lang attribute', async () => {
    const reasonsZh = await page.locator('[data-testid="reasons"] li').allTextContents();
    await page.getByTestId('language').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('application-status').textContent()).toBe('Approved');
    const reasonsEn = await page.locator('[data-testid="reasons"] li').allTextContents();
    expect(reasonsEn).toHaveLength(reasonsZh.length);
    expect(reasonsEn).not.toEqual(reasonsZh);
    expect(await page.getByTestId('offer').textContent()).toContain('Repayment schedule');
    // The choice survives a reload.
    await page.goto(applicationUrl);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.getByTestId('decision').waitFor();
  });

  it('verifies another enterprise on My enterprises: registry, legal representative, the deposit typed back', async () => {
    const [firm] = await (await fetch(`${stack.url}/api/dev/enterprises?division=410700&kind=strong&unclaimed=true&limit=1`)).json();
    await page.goto(`${stack.url}/enterprises`);
    await page.getByTestId('verify-form').waitFor();
    await page.locator('#f-creditCode').fill(firm.creditCode);
    await page.locator('#f-legalRepresentative-name').fill(firm.legalRepresentative.name);
    await page.locator('#f-legalRepresentative-idNumber').fill(firm.legalRepresentative.idNumber);
    await page.getByTestId('verify-submit').click();
    const card = page.getByTestId(`enterprise-${firm.creditCode}`);
    await card.locator('[data-testid="deposit-form"]').waitFor();
    const [deposit] = await (await fetch(`${stack.url}/api/dev/bank-statement?creditCode=${firm.creditCode}`)).json();
    await card.locator('#f-amount').fill((deposit.amount / 100).toFixed(2));
    await card.locator('#f-memo').fill(deposit.memo);
    await card.getByTestId('deposit-submit').click();
    await page.locator(`[data-testid="enterprise-${firm.creditCode}"][data-status="verified"]`).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.locator(`[data-testid="enterprise-${firm.creditCode}"] [data-testid="apply-for"]`).click();
    await page.waitForURL(/\/applications\/new\?enterprise=/);
    await page.waitForFunction((code) => (document.getElementById('f-enterprise-creditCode') as HTMLSelectElement | null)?.value === code, firm.creditCode);
    await page.waitForFunction((name) => (document.getElementById('f-enterprise-name') as HTMLInputElement | null)?.value === name, firm.name);
  });

  it('serves the SPA gzipped, as CloudFront does, and leaves the API uncompressed', async () => {
    const html = await fetch(stack.url, { headers: { 'accept-encoding': 'gzip' } });
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeTruthy();
    const js = await fetch(`${stack.url}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    await js.arrayBuffer();
    expect(js.headers.get('content-encoding')).toBe('gzip');
    const health = await fetch(`${stack.url}/api/health`, { headers: { 'accept-encoding': 'gzip' } });
    await health.arrayBuffer();
    expect(health.headers.get('content-encoding')).toBeNull();
  });

  it('ran without script errors or CSP violations', () => {
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
