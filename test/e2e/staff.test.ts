/**
 * The staff console in a real browser against the real local stack (issue 5, issue 16): a ¥2,000,000 application
 * from Luoyang is referred to people; the Luoyang account manager finds it in the queue but is offered no claim or
 * opinion form (the risk review is not theirs); the risk manager claims and reviews, the approver approves, and the
 * applicant's own page shows the approval. A committee case shows its live tally and quorum, offers the vote only to
 * members, and tells the applicant it is before the credit committee.
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
    // The risk review is not the account manager's: no claim, no form, and the page says why.
    await page.getByTestId('cannot-act').waitFor();
    expect(await page.getByTestId('claim').count()).toBe(0);
    expect(await page.getByTestId('opinion-form').count()).toBe(0);
    expect(await page.getByTestId('vote-form').count()).toBe(0);
    expect(await page.getByTestId('waiting-for').textContent()).toContain('风险经理');
    expect(await page.getByTestId('assessment').textContent()).toMatch(/健康指数/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('lets the risk manager claim the review from My work, and shows that claim as the stage\'s', async () => {
    const page = await as('rm.luoyang@demo.kedai');
    await page.goto(`${api.stack.url}/staff/my-work`);
    const waiting = page.getByTestId('my-waiting').locator(`[data-testid="work-row"][data-id="${id}"]`);
    await waiting.waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await waiting.getByRole('link').click();
    await page.waitForURL(new RegExp(`/staff/applications/${id}$`));
    await page.getByTestId('claim').click();
    await page.locator('[data-testid="claimed-by"]', { hasText: 'rm.luoyang@demo.kedai' }).waitFor();
    // Verified documents open for staff through a short-lived link.
    expect(await page.getByTestId('open-document').count()).toBeGreaterThanOrEqual(3);
    const download = page.waitForEvent('download');
    await page.getByTestId('open-document').first().click();
    expect((await download).suggestedFilename()).toMatch(/\.(pdf|png|jpe?g)$/i);
    await page.goto(`${api.stack.url}/staff/my-work`);
    await page.getByTestId('my-claimed').locator(`[data-testid="work-row"][data-id="${id}"]`).waitFor();
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
    // An approval needs its comment: the page says so before anything is sent.
    await rm.goto(`${api.stack.url}/staff/applications/${id}`);
    await rm.getByTestId('opinion-form').waitFor();
    await rm.getByTestId('opinion-form').getByLabel('同意', { exact: true }).check();
    await rm.getByTestId('give-opinion').click();
    expect(await rm.getByTestId('error-comment').textContent()).toContain('必填');
    await giveOpinion(rm, id, '财务稳健，研发投入高，同意。');
    await rm.locator('[data-testid="review-stage"][data-stage="approval"]').waitFor();
    expect(await rm.getByTestId('opinions').textContent()).toContain('rm.luoyang@demo.kedai');
    // The same person cannot act twice: the form is gone, and the claimant shown is the new stage's (nobody yet).
    await rm.getByTestId('cannot-act').waitFor();
    expect(await rm.getByTestId('opinion-form').count()).toBe(0);
    expect(await rm.getByTestId('claimed-by').textContent()).not.toContain('rm.luoyang');
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

  it('shows a committee case\'s live tally and quorum, and the vote only to members', async () => {
    const token = await api.token('applicant@demo.kedai');
    const committeeId = await applyAndSubmit(api, token, await strongApplication(api, token, '410100', { amount: 1_500_000_000 }));
    expect((await waitForDecision(api, token, committeeId)).decision.tier).toBe('committee');
    const staff = async (user: string, path: string, body: unknown) => {
      const res = await api.call('POST', path, { token: await api.token(user), body });
      expect(res.status, `${user} ${path}`).toBe(200);
      return res.body;
    };
    await staff('rm.zhengzhou@demo.kedai', `/api/applications/${committeeId}/opinions`, { opinion: 'approve', comment: '提交贷审会' });
    const seat = await staff('cm1@demo.kedai', `/api/applications/${committeeId}/votes`, { vote: 'for', comment: '同意' });
    const members: string[] = seat.review.committee.members;

    // Someone who is not on the seated committee sees the tally but no vote form.
    const rm = await as('rm.zhengzhou@demo.kedai');
    await rm.goto(`${api.stack.url}/staff/applications/${committeeId}`);
    await rm.getByTestId('committee-tally').waitFor();
    expect(await rm.getByTestId('vote-form').count()).toBe(0);
    expect(await rm.getByTestId('opinion-form').count()).toBe(0);
    await rm.context().close();

    const voter = members.find((m) => m !== 'cm1@demo.kedai')!;
    const page = await as(voter);
    await page.goto(`${api.stack.url}/staff/applications/${committeeId}`);
    const tally = page.getByTestId('committee-tally');
    await tally.waitFor();
    expect(await tally.getAttribute('data-for')).toBe('1');
    expect(await tally.getAttribute('data-quorum')).toBe(String(seat.tally.quorum));
    expect(await page.getByTestId('tally-eligible').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('tally-status').textContent()).toContain('法定人数');
    expect(await page.getByTestId('claim').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByTestId('vote-form').getByLabel('反对', { exact: true }).check();
    await page.getByTestId('cast-vote').click();
    await page.locator('[data-testid="committee-tally"][data-against="1"]').waitFor();
    expect(await page.getByTestId('vote-form').count()).toBe(0);
    await page.context().close();

    const applicant = await as('applicant@demo.kedai');
    await applicant.goto(`${api.stack.url}/applications/${committeeId}`);
    await applicant.locator('[data-testid="application-status"][data-status="in-review"]').waitFor();
    const lead = await applicant.locator('p.lead').textContent();
    expect(lead).toContain('贷审会');
    expect(lead).not.toContain('转交受理分行人工审批');
    await applicant.context().close();
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
