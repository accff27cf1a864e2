/**
 * Post-loan monitoring re-scores from fresh data (issue 13 §5): what the registry/tax port says at the check, not
 * the figures declared at application. On the in-memory adapters; the registry is the third party, so a test double
 * behind its port stands for a borrower whose filings have since collapsed.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { EnterpriseFacts } from '../../shared/enterprise.js';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import type { ApplicationRecord } from '../../shared/types.js';
import { monitorActiveLoans } from '../../functions/core/use-cases/post-loan-monitoring.js';
import type { RegistryPort } from '../../functions/core/ports.js';
import { useMemoryApp } from '../support/memory-app.js';

const api = useMemoryApp();
const deps = () => api.stack.wired.deps;
const taken = new Set<string>();

/** An active loan of a strong registry firm whose application declared exactly what the registry said then. */
async function activeLoan(): Promise<{ id: string; facts: EnterpriseFacts }> {
  const firms = await deps().registry.demoEnterprises!({ division: '411300', kind: 'strong' });
  const firm = firms.find((f) => !taken.has(f.creditCode))!;
  taken.add(firm.creditCode);
  const facts = (await deps().registry.lookup(firm.creditCode))!;
  const now = new Date().toISOString();
  const app: ApplicationRecord = {
    ...STRONG_APPLICANT,
    enterprise: {
      ...STRONG_APPLICANT.enterprise, name: facts.name, creditCode: facts.creditCode, industry: facts.industry as never, establishedOn: facts.establishedOn,
      employees: facts.employees.value, techStaff: facts.techStaff.value, labels: facts.labels.map((l) => l.label) as never,
      financials: { revenue: facts.financials.revenue.value, totalAssets: facts.financials.totalAssets.value, totalLiabilities: facts.financials.totalLiabilities.value, netProfit: facts.financials.netProfit.value, rdExpense: facts.financials.rdExpense.value },
    },
    id: randomUUID(), ownerId: 'owner', status: 'active', version: 1, createdAt: now, updatedAt: now, decision: null,
    branch: { code: 'nanyang', name: 'Nanyang', nameZh: '南阳市', distanceKm: 0 }, assignee: 'am.nanyang@demo.kedai',
  };
  await deps().applications.create(app);
  return { id: app.id, facts };
}

/** The registry as it answers a year later for one firm: losses, debts above assets, half the staff gone. */
function collapsed(code: string): RegistryPort {
  return {
    lookup: async (c) => {
      const f = await deps().registry.lookup(c);
      if (!f || c !== code) return f;
      const year = f.financials.revenue.year + 1;
      const at = <T extends { value: number }>(x: T, value: number) => ({ ...x, value, year });
      return {
        ...f,
        financials: {
          revenue: at(f.financials.revenue, Math.round(f.financials.revenue.value * 0.3)),
          totalAssets: at(f.financials.totalAssets, f.financials.totalAssets.value),
          totalLiabilities: at(f.financials.totalLiabilities, Math.round(f.financials.totalAssets.value * 1.4)),
          netProfit: at(f.financials.netProfit, -Math.round(f.financials.revenue.value * 0.5)),
          rdExpense: at(f.financials.rdExpense, 0),
        },
        employees: at(f.employees, Math.max(1, Math.round(f.employees.value / 2))),
      };
    },
  };
}

describe('post-loan re-scoring from fresh data', () => {
  it('grades a borrower by its latest filings through the registry/tax port, not by what it declared', async () => {
    const { id, facts } = await activeLoan();
    const run = await monitorActiveLoans({ ...deps(), registry: collapsed(facts.creditCode) });
    expect(run.failed).toEqual([]);
    const app = (await deps().applications.get(id))!;
    expect(['yellow', 'orange', 'red']).toContain(app.monitoring!.band);
    const check = (await deps().applications.events(id)).find((e) => e.type === 'post-loan-check')!;
    expect(check.detail).toMatchObject({ scoredFrom: 'registry', figuresYear: facts.financials.revenue.year + 1 });
  });

  it('keeps a borrower whose filings hold up in its band, and names the data it was scored from', async () => {
    const { id } = await activeLoan();
    expect((await monitorActiveLoans(deps())).failed).toEqual([]);
    const app = (await deps().applications.get(id))!;
    expect(['green', 'blue']).toContain(app.monitoring!.band);
    expect((await deps().applications.events(id)).find((e) => e.type === 'post-loan-check')!.detail).toMatchObject({ scoredFrom: 'registry' });
  });

  it('falls back to the declared figures, saying so, when the registry does not know the code or does not answer', async () => {
    const { id } = await activeLoan();
    const down: RegistryPort = { lookup: async () => { throw new Error('gateway timeout'); } };
    expect((await monitorActiveLoans({ ...deps(), registry: down })).failed).toEqual([]);
    expect((await deps().applications.events(id)).find((e) => e.type === 'post-loan-check')!.detail).toMatchObject({ scoredFrom: 'application (registry unavailable)' });
  });
});
