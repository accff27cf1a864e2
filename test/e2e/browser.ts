/**
 * Browser plumbing for the end-to-end suites: the SPA build the stack serves, Debian's Chromium through
 * playwright-core, sign-in as a demo account, and axe's serious findings.
 */
import AxeBuilder from '@axe-core/playwright';
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

/** Axe findings that would stop someone using the page (serious or critical). */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // Only violations are read, so axe need not serialise every passing node (a large share of a scan's time).
  const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
