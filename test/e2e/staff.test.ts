/**
 * The staff console in a real browser against the real local stack (issue 5): a ¥2,000,000 application
 * from Luoyang is referred to people; the Luoyang account manager claims it from the queue, the risk
 * manager reviews, the approver approves, and the applicant's own page shows the approval.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';
import { ensureWebBuild, launchChromium, seriousA11yViolations, signIn, watchConsole } from './browser.js';

// Before the stack starts: it serves web/dist only if the build exists when it starts.
beforeAll(ensureWebBuild);
const api = useLocalStack();

let browser: Browser;
const consoleErrors: string[] = [];

beforeAll(async () => { browser = await launchChromium(); });
afterAll(async () => { await browser?.close(); });

/** A fresh window per person: each has their own session, as on their own machine. A tablet-sized one. */
async function as(username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  consoleErrors.push(...watchConsole(page));
  await signIn(page, api.stack.url, username);
  return page;
}

async function giveOpinion(page: Page, id: string, comment: string) {
  await page.goto(`${api.stack.url}/staff/applications/${id}`);
  await page.getByTestId('opinion-form').waitFor();
  await page.getByTestId('opinion-form').getByLabel('同意', { exact: true }).check();
  await page.getByTestId('opinion-form').getByLabel('意见说明').fill(comment);
  await page.getByTestId('give-opinion').click();
}

describe('staff console in the browser', () => {
  let id = '';

  beforeAll(async () => {
    const token = await api.token('applicant@demo.kedai');
    id = await applyAndSubmit(api, token, await strongApplication(api, token, '410300', { amount: 200_000_000 }));
    const referred = await waitForDecision(api, token, id);
    expect(referred.status).toBe('in-review');
    expect(referred.branch.code).toBe('luoyang');
  });

  it('shows the Luoyang queue with the application, its tier and its wait against the SLA', async () => {
    const page = await as('am.luoyang@demo.kedai');
    await page.waitForURL(/\/staff$/);
    const row = page.locator(`[data-testid="queue-row"][data-id="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('2,000,000');
    expect(await row.textContent()).toContain('一审一批');
    expect(await row.locator('.sla').textContent()).toMatch(/\/ 4 小时 0 分/);
    expect(await seriousA11yViolations(page)).toEqual([]);

    await row.getByRole('link').click();
    await page.waitForURL(new RegExp(`/staff/applications/${id}$`));
    await page.getByTestId('claim').click();
    await page.locator('[data-testid="claimed-by"]', { hasText: 'am.luoyang@demo.kedai' }).waitFor();
    expect(await page.getByTestId('assessment').textContent()).toMatch(/健康指数/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('does not show it to another branch, even by its address', async () => {
    const page = await as('am.zhengzhou@demo.kedai');
    await page.waitForURL(/\/staff$/);
    await page.locator('[data-testid="queue-empty"], [data-testid="queue"]').first().waitFor();
    expect(await page.locator(`[data-testid="queue-row"][data-id="${id}"]`).count()).toBe(0);
    await page.goto(`${api.stack.url}/staff/applications/${id}`);
    await page.getByTestId('error').waitFor();
    expect(await page.getByTestId('error').textContent()).toContain('未找到该申请');
    await page.context().close();
  });

  it('takes the risk manager\'s review, then the approver\'s approval, to an approved application', async () => {
    const rm = await as('rm.luoyang@demo.kedai');
    await giveOpinion(rm, id, '财务稳健，研发投入高，同意。');
    await rm.locator('[data-testid="review-stage"][data-stage="approval"]').waitFor();
    expect(await rm.getByTestId('opinions').textContent()).toContain('rm.luoyang@demo.kedai');
    // The same person cannot act twice: the API refuses and the page says so.
    await rm.getByTestId('give-opinion').click();
    await rm.getByTestId('error').waitFor();
    await rm.context().close();

    const ap = await as('ap.luoyang@demo.kedai');
    await giveOpinion(ap, id, '同意发放。');
    await ap.locator('[data-testid="application-status"][data-status="approved"]').waitFor();
    await ap.context().close();
  });

  it('shows the applicant the approval, with the bank\'s review as a reason and the offer', async () => {
    const page = await as('applicant@demo.kedai');
    await page.goto(`${api.stack.url}/applications/${id}`);
    await page.locator('[data-testid="application-status"][data-status="approved"]').waitFor();
    expect(await page.locator('[data-testid="reasons"] li[data-code="review-approved"]').count()).toBe(1);
    await page.getByTestId('offer').waitFor();
    // Reviewers' comments are internal: the applicant's timeline shows the steps, not what was said.
    expect(await page.getByTestId('timeline').textContent()).not.toContain('财务稳健');
    await page.context().close();
  });

  it('opens the dashboard with its charts', async () => {
    const page = await as('hq@demo.kedai');
    await page.goto(`${api.stack.url}/staff/dashboard`);
    await page.getByTestId('chart-by-branch').locator('canvas').waitFor();
    await page.getByTestId('chart-by-status').locator('summary').click();
    expect(await page.getByTestId('chart-by-status').locator('table').textContent()).toContain('已批准');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('ran without script errors or CSP violations', () => {
    // The refused second opinion (409) and the other branch's 404 are expected failed requests.
    expect(consoleErrors.filter((e) => !/status of (404|409)/.test(e))).toEqual([]);
  });
});
