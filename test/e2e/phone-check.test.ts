/**
 * The phone check (checks/phone.ts) on planted pages, so it is known to find what it looks for: a badge pushed past
 * the screen, text drawn at 5 px, a table that scrolls sideways unannounced; and to pass the same page made right.
 * A bare Chromium page, no stack.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './browser.js';
import { phoneProblems } from './checks/phone.js';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
}, 60_000);
afterAll(async () => { await browser?.close(); });

const CSS = `body { margin: 0; font-size: 16px; } .card { display: flex; width: 100%; } .title { flex: none; white-space: nowrap; }
  .scroll { overflow-x: auto; } .scroll table { width: 800px; } .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }`;
const show = (body: string) => page.setContent(`<!doctype html><html><head><style>${CSS}</style></head><body>${body}</body></html>`);

describe('the phone check', () => {
  it('names a badge pushed past the screen, 5 px text and an unannounced sideways scroll', async () => {
    await show(`<div class="card"><span class="title">河南喆堃智能科技有限公司 Henan Zhekun Intelligent Technology</span><span class="badge">已批准</span></div>
      <p id="tiny" style="font-size:5px">借款合同</p>
      <div class="scroll" id="sched"><table><tr><td>1</td><td>2026-04-20</td></tr></table></div>`);
    const found = (await phoneProblems(page)).join('\n');
    expect(found).toMatch(/boxes beyond the 390 px screen: <span\.title>/);
    expect(found).toMatch(/text smaller than 12 px: "借款合同" at 5\.0 px in <p#tiny>/);
    expect(found).toMatch(/sideways scroll regions not announced .*<div#sched\.scroll> \(no role, no name, no tabindex\)/);
  });

  it('passes the same page made right: wrapping title, readable text, an announced region; ignores hidden text', async () => {
    await show(`<div class="card" style="flex-wrap:wrap"><span style="min-width:0">河南喆堃智能科技有限公司 Henan Zhekun Intelligent Technology</span><span class="badge">已批准</span></div>
      <p style="font-size:14px">借款合同</p><span class="visually-hidden" style="font-size:4px">hidden</span><p hidden style="font-size:4px">not shown</p>
      <div class="scroll" role="region" aria-label="还款计划" tabindex="0"><table><tr><td>1</td><td>2026-04-20</td></tr></table></div>`);
    expect(await phoneProblems(page)).toEqual([]);
  });

  it('finds nothing at a desktop width', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await show('<p style="font-size:5px">tiny</p>');
    expect(await phoneProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
  });
});
