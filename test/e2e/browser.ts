/**
 * Browser plumbing for the end-to-end suites: the SPA build the stack serves, Debian's Chromium through
 * playwright-core, sign-in as a demo account, and axe's serious findings.
 */
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Kedai-demo-2026!';
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Lives in bench/support so bench/lighthouse.ts can use it too (bench/ must not import test/).
export { ensureWebBuild } from '../../bench/support/web-build.js';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Collects script errors and CSP violations, which the console reports as errors. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** Signs in through the form, whatever the page's language (the inputs have stable ids). */
export async function signIn(page: Page, baseUrl: string, username: string) {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(DEMO_PASSWORD);
  await page.getByTestId('sign-in-form').locator('button[type=submit]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
}

/**
 * Axe findings that would stop someone using the page (serious or critical).
 *
 * axe runs in the page itself, injected once per document: @axe-core/playwright's analyze() evaluated axe's 560 KB
 * source twice per scan and opened (then closed) a blank tab to merge frame results, which on two busy cores cost
 * more than the scan. The SPA has no frames to merge, so the single-document run sees everything.
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  if (!await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object')) await page.evaluate(axe.source);
  // Only violations are read, so axe need not serialise every passing node (a large share of a scan's time).
  const violations = await page.evaluate(async () => {
    const a = (window as unknown as { axe: typeof axe & { _audit: { rules: { id: string; impact?: string }[] } } }).axe;
    // A rule with an impact of its own gives every finding that impact, so one rated moderate or minor can never
    // report what is kept below: it is not run. Rules rated by their checks run as before.
    const cannotBeSerious = a._audit.rules.filter((r) => r.impact && r.impact !== 'serious' && r.impact !== 'critical');
    const rules = Object.fromEntries(cannotBeSerious.map((r) => [r.id, { enabled: false }]));
    const { violations } = await a.run(document, { resultTypes: ['violations'], iframes: false, rules });
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.targets.join(', ')})`);
}
