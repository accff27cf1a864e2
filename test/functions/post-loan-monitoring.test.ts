import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import type { ApplicationRecord } from '../../shared/types.js';
import { monitorActiveLoans } from '../../functions/core/use-cases/post-loan-monitoring.js';
import { generateCreditCode } from '../../shared/credit-code.js';
import { useLocalStack } from '../support/local-stack.js';

const api = useLocalStack();

async function activeLoan(creditCode: string, branch = 'nanyang') {
  const now = new Date().toISOString();
  const app: ApplicationRecord = {
    ...STRONG_APPLICANT,
    enterprise: { ...STRONG_APPLICANT.enterprise, creditCode },
    id: randomUUID(), ownerId: 'owner', status: 'active', version: 1, createdAt: now, updatedAt: now, decision: null,
    branch: { code: branch, name: 'Nanyang', nameZh: '南阳市', distanceKm: 0 }, assignee: `am.${branch}@demo.kedai`,
  };
  await api.stack.wired.deps.applications.create(app);
  return app.id;
}

describe('post-loan monitoring', () => {
  it('grades every active loan, maps the band to the five-tier class and schedules the next check by band', async () => {
    const id = await activeLoan(generateCreditCode(Math.random, '411300'));
    const run = await monitorActiveLoans(api.stack.wired.deps);
    expect(run.failed).toEqual([]);
    expect(run.checked).toBeGreaterThanOrEqual(1);
    const app = await api.stack.wired.deps.applications.get(id);
    expect(app!.monitoring).toMatchObject({ band: 'green', loanClass: 'normal', warnings: [] });
    const days = (Date.parse(app!.monitoring!.nextCheckOn) - Date.parse(app!.monitoring!.checkedOn)) / 86_400_000;
    expect(days).toBe(30);

    // Not due again until the next check date.
    const again = await monitorActiveLoans(api.stack.wired.deps);
    expect((await api.stack.wired.deps.applications.get(id))!.version).toBe(app!.version);
    expect(again.skipped).toBeGreaterThanOrEqual(1);
  });

  it('raises a warning for a borrower newly on the dishonest-debtor list and tells the account manager', async () => {
    const id = await activeLoan('91410100317000520M');
    await monitorActiveLoans(api.stack.wired.deps);
    const app = await api.stack.wired.deps.applications.get(id);
    expect(app!.monitoring!.warnings.map((w) => w.code)).toContain('dishonest-debtor');
    const events = await api.stack.wired.deps.applications.events(id);
    expect(events.map((e) => e.type)).toContain('warning-raised');
    const outbox = await api.call('GET', '/api/dev/outbox?to=am.nanyang@demo.kedai');
    expect(outbox.body.some((m: { kind: string; body: string }) => m.kind === 'post-loan-warning' && m.body.includes('失信'))).toBe(true);
  });
});
