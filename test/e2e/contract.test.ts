/**
 * The borrower's contract in a real browser against the real local stack (issue 4): an automatically approved
 * loan's contract is rendered by pdf.js inside the page, a wrong one-time code is refused with the attempts
 * left, a signature drawn with the mouse signs it, the loan centre's review, the seal and the payout run, and
 * the sealed PDF downloaded through the page carries a valid digital signature. Staff see the same contract.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfImages, pdfSig, pdfText } from '../functions/contract/poppler.js';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';
import { ensureWebBuild, launchChromium, seriousA11yViolations, signIn, watchConsole } from './browser.js';

const APPLICANT = 'applicant@demo.kedai';
/** Typed on the form; the contract names the registry's enterprise instead (its name, ENTERPRISE, set below). */
const TYPED = '河南喆堃智能科技有限公司';
let ENTERPRISE = '';

// Before the stack starts: it serves web/dist only if the build exists when it starts.
beforeAll(ensureWebBuild);
const api = useLocalStack();

let browser: Browser;
let page: Page;
let id = '';
const consoleErrors: string[] = [];
const requested: string[] = [];
const workers: string[] = [];

beforeAll(async () => {
  const token = await api.token(APPLICANT);
  const base = await strongApplication(api, token, '410100');
  ENTERPRISE = base.enterprise.name;
  id = await applyAndSubmit(api, token, { ...base, enterprise: { ...base.enterprise, name: TYPED } });
  expect((await waitForDecision(api, token, id)).status).toBe('approved');

  browser = await launchChromium();
  // A phone: the borrower may well sign on one.
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 }, acceptDownloads: true });
  page = await context.newPage();
  consoleErrors.push(...watchConsole(page));
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
});
afterAll(async () => { await browser?.close(); });

async function latestCode(): Promise<string> {
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(APPLICANT)}`);
  const message = res.body.find((m: { kind: string }) => m.kind === 'contract-otp');
  return /验证码为\s*(\d{6})/.exec(message.body)![1];
}

/** A scrawl across the pad with real mouse events: down, a run of moves, up. */
async function drawSignature(p: Page, wobble: number) {
  const box = (await p.locator('#signature-pad').boundingBox())!;
  const y = box.y + box.height / 2;
  await p.mouse.move(box.x + 20, y);
  await p.mouse.down();
  for (let i = 1; i <= 12; i++) {
    await p.mouse.move(box.x + 20 + i * ((box.width - 40) / 12), y + (i % 2 ? -wobble : wobble), { steps: 3 });
  }
  await p.mouse.up();
  await p.mouse.move(box.x + box.width / 3, y - 30);
  await p.mouse.down();
  await p.mouse.move(box.x + box.width / 3 + 10, y + 35, { steps: 5 });
  await p.mouse.up();
}

async function downloadBytes(p: Page, testid: string): Promise<Uint8Array> {
  const [download] = await Promise.all([p.waitForEvent('download'), p.getByTestId(testid).click()]);
  return new Uint8Array(readFileSync((await download.path())!));
}

describe('contract signing in the browser', () => {
  it('leads from the approved application to the contract, shown as text on a phone and as the PDF pdf.js renders in the page', async () => {
    await signIn(page, api.stack.url, APPLICANT);
    await page.goto(`${api.stack.url}/applications/${id}`);
    await page.getByTestId('sign-contract').click();
    await page.waitForURL(new RegExp(`/applications/${id}/contract$`));
    // The first load of the app carried neither the contract page nor pdf.js.
    const beforeContract = requested.slice(0, requested.findIndex((p) => /\/contract-[^/]*\.js$/.test(p)));
    expect(beforeContract.filter((p) => /pdf|signature/.test(p))).toEqual([]);

    // A phone opens on the contract's words at the page's text size; the PDF is one tap away.
    const text = page.getByTestId('contract-text');
    await text.waitFor({ timeout: 20_000 });
    expect(await text.textContent()).toContain(ENTERPRISE);
    expect(await text.textContent()).not.toContain(TYPED);
    expect(await text.locator('.contract-para').first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize))).toBeGreaterThanOrEqual(14);
    expect(await page.getByTestId('view-text').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('view-pdf').click();
    const reader = page.locator('[data-testid="pdf-reader"][data-done="true"]');
    await reader.waitFor({ timeout: 20_000 });
    expect(Number(await reader.getAttribute('data-pages'))).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.pdf-page[data-rendered="true"]').count()).toBe(Number(await reader.getAttribute('data-pages')));
    // pdf.js parsed in its own worker (loaded from 'self'), not in the page's thread as a fallback.
    expect(workers.some((p) => /\/pdf\.worker[^/]*\.mjs$/.test(p))).toBe(true);

    // Ink on the first page's canvas, and the enterprise's Chinese name in pdf.js's text layer.
    const inked = await page.locator('.pdf-page canvas').first().evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 384) dark++;
      return dark / (c.width * c.height);
    });
    expect(inked).toBeGreaterThan(0.002);
    const words = (await page.locator('.pdf-page .textLayer').allTextContents()).join('');
    expect(words).toContain(ENTERPRISE);
    expect(words).toContain('叁拾万元整');
    expect(await page.getByTestId('contract-stage').textContent()).toBe('待签署');
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it('sends a one-time code, then holds back on an empty pad and a wrong code', async () => {
    await page.getByTestId('request-code').click();
    await page.getByTestId('code-status').filter({ hasText: '验证码已发送' }).waitFor();
    // The button cools down before another code can be asked for.
    expect(await page.getByTestId('request-code').isDisabled()).toBe(true);
    expect(await page.getByTestId('request-code').textContent()).toMatch(/\d+ 秒后可重新获取/);
    const code = await latestCode();
    const wrong = code === '000000' ? '111111' : '000000';

    await page.getByLabel('验证码', { exact: true }).fill(wrong);
    await page.getByTestId('sign').click();
    await page.getByTestId('error-signature').waitFor();
    expect(await page.getByTestId('error-signature').textContent()).toContain('请先在签名板上签名');

    await drawSignature(page, 25);
    await page.locator('[data-testid="signature-pad"][data-empty="false"]').waitFor();
    await page.getByTestId('sign').click();
    const refusal = page.getByTestId('error-otp');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('验证码不正确');
    expect(await refusal.textContent()).toContain('还可尝试 4 次');
    expect(await page.getByLabel('验证码', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('contract').getAttribute('data-stage')).toBe('to-sign');
  });

  it('signs with a drawn signature and the right code, then follows the review and seal to the payout', async () => {
    await page.getByTestId('signature-clear').click();
    await page.locator('[data-testid="signature-pad"][data-empty="true"]').waitFor();
    await drawSignature(page, 35);
    await page.getByLabel('验证码', { exact: true }).fill(await latestCode());
    await page.getByTestId('sign').click();

    await page.getByTestId('contract-progress').waitFor();
    await page.locator('[data-testid="contract"][data-stage="active"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('.contract-steps li[data-state="done"]').count()).toBe(4);
    expect(await page.getByTestId('contract-active').textContent()).toContain('300,000');
    expect(await page.getByTestId('application-status').getAttribute('data-status')).toBe('active');
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The borrower's view says the check passed; which checks, the hashes and the code itself are not theirs to see.
    const view = (await api.call('GET', `/api/applications/${id}`, { token: await api.token(APPLICANT) })).body;
    expect(view.contract.loanCentreCheck).toEqual({ outcome: 'passed', at: view.contract.reviewedAt });
    expect(view.contract).not.toHaveProperty('signedSha256');
    expect(JSON.stringify(view)).not.toMatch(/"(hash|otp)"/);

    const sealed = await downloadBytes(page, 'download-sealed');
    expect(pdfSig(sealed)).toMatch(/Signature is Valid/);
    expect(pdfText(sealed)).toContain(ENTERPRISE);
    // The drawn signature is in the document as an image (with its transparency as a soft mask).
    expect(pdfImages(sealed)).toMatch(/\bimage\b/);

    // The same page in English.
    await page.getByTestId('language').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('contract-stage').textContent()).toBe('Disbursed');
    expect(await page.getByTestId('download-sealed').textContent()).toBe('Download the sealed contract (PDF)');
  });

  it('shows staff the contract, the loan centre\'s checks and both PDFs', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1024, height: 768 }, acceptDownloads: true });
    const staff = await context.newPage();
    consoleErrors.push(...watchConsole(staff));
    await signIn(staff, api.stack.url, 'am.zhengzhou@demo.kedai');
    await staff.goto(`${api.stack.url}/staff/applications/${id}`);
    const section = staff.getByTestId('staff-contract');
    await section.waitFor();
    expect(await section.getAttribute('data-stage')).toBe('active');
    expect(await staff.locator('[data-testid="loan-centre-checks"] li[data-result="passed"]').count()).toBe(3);
    expect(await staff.getByTestId('staff-sealed-at').textContent()).not.toBe('—');
    // Every step of the contract path is named in the timeline, not shown as its raw event code.
    const items = await staff.locator('[data-testid="timeline"] li').evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute('data-event'), li.querySelector('.tl-type')?.textContent ?? '']));
    expect(items.map(([type]) => type)).toEqual(expect.arrayContaining(['contract-generated', 'contract-code-sent', 'contract-signed', 'contract-reviewed', 'contract-sealed', 'disbursed']));
    expect(items.filter(([type, label]) => type === label)).toEqual([]);
    expect(await seriousA11yViolations(staff)).toEqual([]);

    const sealed = await downloadBytes(staff, 'staff-download-sealed');
    expect(pdfSig(sealed)).toMatch(/Signature is Valid/);
    const unsigned = await downloadBytes(staff, 'staff-download-contract');
    expect(pdfText(unsigned)).toContain(ENTERPRISE);
    expect(pdfSig(unsigned)).not.toMatch(/Signature is Valid/);
    // Before signing there is no image at all: the one in the sealed file is the borrower's drawn signature.
    expect(pdfImages(unsigned)).not.toMatch(/\bimage\b/);
    await context.close();
  });

  it('ran without script errors or CSP violations', () => {
    // The wrong code's 422 is an expected failed request.
    expect(consoleErrors.filter((e) => !/status of 422/.test(e))).toEqual([]);
  });
});
