/** Figures for the staff console's charts: queue by status, time to decision, approval rate by tier, per branch. */
import { isHeadOffice } from '../access.js';
import type { Deps, Principal } from '../ports.js';

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

export async function staffDashboard(deps: Deps, p: Principal) {
  const all = isHeadOffice(p) || p.groups.includes('committee');
  const { branches: configured } = await deps.bankConfig.inForce(deps.clock.now());
  const branches = all ? configured : configured.filter((b) => b.code === p.branch);
  const perBranch = await Promise.all(branches.map(async (b) => ({ branch: b, apps: await deps.applications.queue(b.code) })));
  const apps = perBranch.flatMap((x) => x.apps);

  const byStatus: Record<string, number> = {};
  for (const a of apps) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;

  const minutesToDecision = apps
    .filter((a) => a.decision && a.submittedAt && a.decision.outcome !== 'referred')
    .map((a) => (Date.parse(a.decision!.decidedAt) - Date.parse(a.submittedAt!)) / 60_000);

  const tiers: Record<string, { decided: number; approved: number }> = {};
  for (const a of apps) {
    const t = a.decision?.tier;
    if (!t || a.decision!.outcome === 'referred') continue;
    tiers[t] ??= { decided: 0, approved: 0 };
    tiers[t].decided++;
    if (a.decision!.outcome === 'approved') tiers[t].approved++;
  }

  return {
    byStatus,
    medianMinutesToDecision: median(minutesToDecision),
    approvalRateByTier: Object.fromEntries(Object.entries(tiers).map(([t, v]) => [t, Math.round((v.approved / v.decided) * 1000) / 1000])),
    byBranch: perBranch.map(({ branch, apps: list }) => ({
      code: branch.code, name: branch.nameEn, nameZh: branch.nameZh,
      queued: list.filter((a) => a.status === 'in-review').length,
      decided: list.filter((a) => a.status !== 'in-review' && a.status !== 'submitted').length,
    })),
  };
}
