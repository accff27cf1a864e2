/**
 * Head office changes the bank's rules with four eyes (DESIGN.md §7.3): a proposal with a reason and an effective
 * time, its impact replayed over recent decisions, then approval or rejection by a different head-office user.
 * Every step is in the admin history, hash-chained.
 */
import {
  applyChanges, proposalViolations, shapeViolations, type BankConfig,
} from '../../../shared/bank-config.js';
import { conflict, DomainError, forbidden, invalid, notFound } from '../../../shared/errors.js';
import { shadowCompare, type ShadowCase, type ShadowReport } from '../../../shared/policy-shadow.js';
import { isHeadOffice } from '../access.js';
import { verifyChain } from '../event-chain.js';
import type { ConfigProposal, Deps, Principal } from '../ports.js';

export function requireHeadOffice(p: Principal) {
  if (!isHeadOffice(p)) throw forbidden('Only head office manages the bank\'s rules.', { why: 'head-office-only' });
}

/** How many recent decisions a proposal's impact replays. */
export const REPLAY_LIMIT = 200;

export type Changes = Record<string, unknown> | { path: string; value: unknown }[];

const THRESHOLD_KEYS = ['autoCeiling', 'branchAuthority', 'twoApprovalLimit'];
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The spellings people reach for, as the configuration names them: a threshold at the top level or with the
 * `Fen` suffix cdk.json used, `lprBps`, and products or branches as a list of `{ code, … }` (merged by code).
 */
function normalise(patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...patch };
  const thresholds: Record<string, unknown> = isObject(out.thresholds) ? { ...out.thresholds } : {};
  for (const k of Object.keys(out)) {
    const bare = k.replace(/Fen$/, '');
    if (THRESHOLD_KEYS.includes(bare)) { thresholds[bare] = out[k]; delete out[k]; }
  }
  for (const k of Object.keys(thresholds)) {
    const bare = k.replace(/Fen$/, '');
    if (bare !== k && THRESHOLD_KEYS.includes(bare)) { thresholds[bare] = thresholds[k]; delete thresholds[k]; }
  }
  if (Object.keys(thresholds).length) out.thresholds = thresholds;
  if (out.lprBps !== undefined) { out.lpr = { ...(isObject(out.lpr) ? out.lpr : {}), rateBps: out.lprBps }; delete out.lprBps; }
  for (const list of ['products', 'branches']) {
    const v = out[list];
    if (Array.isArray(v) && v.every((x) => isObject(x) && typeof x.code === 'string')) {
      out[list] = Object.fromEntries(v.map(({ code, ...rest }) => [code as string, rest]));
    }
  }
  return out;
}

/** `[{ path: "thresholds.autoCeiling", value }]` as the nested object applyChanges merges. */
function asPatch(changes: Changes): Record<string, unknown> {
  if (!Array.isArray(changes)) return normalise(changes);
  const patch: Record<string, unknown> = {};
  for (const { path, value } of changes) {
    const keys = path.split('.');
    let at = patch;
    keys.slice(0, -1).forEach((k) => { at = (at[k] ??= {}) as Record<string, unknown>; });
    at[keys[keys.length - 1]] = value;
  }
  return normalise(patch);
}

/** The candidate configuration, or 422 naming every field that is unknown, of the wrong shape or breaks an invariant. */
function candidateOf(base: BankConfig, changes: Changes, effectiveFrom: string, now: Date): BankConfig {
  const { config, unknown } = applyChanges(base, asPatch(changes));
  const fields: Record<string, string> = Object.fromEntries(unknown.map((u) => [`changes.${u}`, 'Not a configuration setting.']));
  Object.assign(fields, shapeViolations(config));
  if (!Object.keys(fields).length) Object.assign(fields, proposalViolations(config, effectiveFrom, now));
  if (Object.keys(fields).length) {
    const [first, why] = Object.entries(fields)[0];
    throw invalid(`The proposal breaks a rule of the configuration: ${first}: ${why}`, fields, 'invalid-configuration');
  }
  return { ...config, version: base.version + 1, effectiveFrom };
}

/** The latest decided applications as shadow cases: their facts when decided, the branch they went to, the day. */
export async function recentCases(deps: Deps, limit = REPLAY_LIMIT): Promise<(ShadowCase & { id: string; enterprise: string; amount: number })[]> {
  const config = await deps.bankConfig.inForce(deps.clock.now());
  const apps = (await Promise.all(config.branches.map((b) => deps.applications.queue(b.code)))).flat()
    .filter((a) => a.decision && a.decision.decidedBy !== undefined)
    .sort((a, b) => (a.submittedAt ?? a.updatedAt) < (b.submittedAt ?? b.updatedAt) ? 1 : -1)
    .slice(0, limit);
  return Promise.all(apps.map(async (a) => {
    const base = { id: a.id, enterprise: a.enterprise.name, amount: a.loan.amount, branch: a.branch?.code, application: { enterprise: a.enterprise, loan: a.loan, consents: a.consents } };
    // Each decision is replayed on the facts as they stood when it was made (the negative list then, not now).
    const recorded = a.decision!.facts;
    if (recorded) return { ...base, verifiedDocuments: recorded.verifiedDocuments, negativeListHits: recorded.negativeListHits, today: recorded.today };
    // Decisions recorded before their facts were kept: today's reading is the best there is.
    const [docs, hits] = await Promise.all([deps.documentRecords.listDocuments(a.id), deps.negativeList.lookup(a.enterprise.creditCode)]);
    return {
      ...base,
      verifiedDocuments: docs.filter((d) => d.status === 'verified').map((d) => d.kind),
      negativeListHits: hits,
      today: (a.submittedAt ?? a.updatedAt).slice(0, 10),
    };
  }));
}

export interface Impact {
  baseVersion: number;
  /** Decisions replayed. */
  total: number;
  /** How many would change outcome or tier. */
  changedOutcomes: number;
  /** Which: each with what it got and what it would get. */
  changed: { applicationId: string; enterprise: string; amount: number; current: ShadowReport['differences'][number]['current']; candidate: ShadowReport['differences'][number]['candidate'] }[];
  /** Same outcome and tier, another band, class or price. */
  otherDifferences: number;
}

export async function replay(deps: Deps, base: BankConfig, candidate: BankConfig): Promise<Impact> {
  const cases = await recentCases(deps);
  const report = shadowCompare(cases, base, candidate);
  const changed = report.differences.filter((d) => d.outcomeOrTierChanged).map((d) => ({
    applicationId: cases[d.index].id, enterprise: cases[d.index].enterprise, amount: cases[d.index].amount, current: d.current, candidate: d.candidate,
  }));
  return { baseVersion: base.version, total: report.total, changedOutcomes: report.changedOutcomes, changed, otherDifferences: report.differences.length - changed.length };
}

export async function currentConfig(deps: Deps, p: Principal) {
  requireHeadOffice(p);
  const now = deps.clock.now();
  const [inForce, versions] = await Promise.all([deps.bankConfig.inForce(now), deps.bankConfig.versions()]);
  const upcoming = versions.filter((v) => Date.parse(v.effectiveFrom) > now.getTime()).map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom }));
  return { ...inForce, upcoming };
}

/** Replays recent decisions under changes without proposing them (the console's shadow run). */
export async function previewChanges(deps: Deps, p: Principal, changes: Changes) {
  requireHeadOffice(p);
  const now = deps.clock.now();
  const [base] = await deps.bankConfig.versions();
  const candidate = candidateOf(base, changes, now.toISOString(), now);
  return replay(deps, base, candidate);
}

export async function proposeChange(deps: Deps, p: Principal, input: { changes: Changes; effectiveFrom?: string; reason: string }) {
  requireHeadOffice(p);
  const now = deps.clock.now();
  const effectiveFrom = input.effectiveFrom ?? now.toISOString();
  // Changes apply to the latest version, even one not yet in force, so two approved changes never undo each other.
  const [base] = await deps.bankConfig.versions();
  const candidate = candidateOf(base, input.changes, effectiveFrom, now);
  const impact = await replay(deps, base, candidate);
  const proposal: ConfigProposal = {
    id: deps.newId(), baseVersion: base.version, changes: asPatch(input.changes), effectiveFrom, reason: input.reason,
    proposedBy: p.username, proposedAt: now.toISOString(), status: 'pending',
    impact: { currentVersion: base.version, candidateVersion: candidate.version, total: impact.total, changedOutcomes: impact.changedOutcomes, differences: [] },
  };
  await deps.bankConfig.propose({ ...proposal, impact: impactRecord(impact) }, {
    type: 'config-proposed', actor: p.username,
    detail: { proposalId: proposal.id, baseVersion: base.version, effectiveFrom, reason: input.reason, changes: proposal.changes, changedOutcomes: impact.changedOutcomes },
  });
  return { proposalId: proposal.id, impact };
}

/** The impact as the proposal keeps it (ShadowReport's shape, with the ids that changed). */
function impactRecord(impact: Impact): ShadowReport {
  return {
    currentVersion: impact.baseVersion, candidateVersion: impact.baseVersion + 1, total: impact.total, changedOutcomes: impact.changedOutcomes,
    differences: impact.changed.map((c, index) => ({ index, id: c.applicationId, outcomeOrTierChanged: true, current: c.current, candidate: c.candidate })),
  };
}

export function presentProposal(p: ConfigProposal) {
  const { impact, ...rest } = p;
  return {
    ...rest,
    impact: {
      baseVersion: impact.currentVersion, total: impact.total, changedOutcomes: impact.changedOutcomes,
      changed: impact.differences.map((d) => ({ applicationId: d.id, current: d.current, candidate: d.candidate })),
    },
  };
}

async function pending(deps: Deps, id: string) {
  const proposal = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await deps.bankConfig.getProposal(id) : null;
  if (!proposal) throw notFound('proposal');
  if (proposal.status !== 'pending') throw conflict('proposal-decided', `This proposal was already ${proposal.status} by ${proposal.decidedBy}.`);
  return proposal;
}

export async function approveProposal(deps: Deps, p: Principal, id: string) {
  requireHeadOffice(p);
  const proposal = await pending(deps, id);
  if (proposal.proposedBy === p.username) {
    throw new DomainError('four-eyes', 'You proposed this change; another head-office user must approve it (four eyes).', 403);
  }
  const now = deps.clock.now();
  const [latest] = await deps.bankConfig.versions();
  if (latest.version !== proposal.baseVersion) {
    throw conflict('stale-proposal', `The configuration moved on to version ${latest.version} since this proposal (made against version ${proposal.baseVersion}); propose it again.`);
  }
  // Approved after its effective time: it takes effect now, never retroactively.
  const effectiveFrom = Date.parse(proposal.effectiveFrom) < now.getTime() ? now.toISOString() : proposal.effectiveFrom;
  const next = candidateOf(latest, proposal.changes, effectiveFrom, now);
  const decided: ConfigProposal = { ...proposal, status: 'approved', decidedBy: p.username, decidedAt: now.toISOString(), version: next.version };
  const result = await deps.bankConfig.approve(decided, next, {
    type: 'config-approved', actor: p.username, detail: { proposalId: id, version: next.version, effectiveFrom, proposedBy: proposal.proposedBy },
  });
  if (result === 'stale') throw conflict('stale-proposal', 'Another change was approved at the same moment; propose this one again.');
  if (result === 'decided') throw conflict('proposal-decided', 'Someone decided this proposal at the same moment.');
  return { proposal: presentProposal(decided), version: next.version, effectiveFrom };
}

export async function rejectProposal(deps: Deps, p: Principal, id: string, reason: string) {
  requireHeadOffice(p);
  const proposal = await pending(deps, id);
  const now = deps.clock.now().toISOString();
  const decided: ConfigProposal = { ...proposal, status: 'rejected', decidedBy: p.username, decidedAt: now, decisionReason: reason };
  if (!(await deps.bankConfig.reject(decided, { type: 'config-rejected', actor: p.username, detail: { proposalId: id, reason } }))) {
    throw conflict('proposal-decided', 'Someone decided this proposal at the same moment.');
  }
  return presentProposal(decided);
}

export async function listProposals(deps: Deps, p: Principal) {
  requireHeadOffice(p);
  return (await deps.bankConfig.listProposals()).map(presentProposal);
}

export async function getProposal(deps: Deps, p: Principal, id: string) {
  requireHeadOffice(p);
  const proposal = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await deps.bankConfig.getProposal(id) : null;
  if (!proposal) throw notFound('proposal');
  return presentProposal(proposal);
}

export async function configVersion(deps: Deps, p: Principal, version: number) {
  requireHeadOffice(p);
  const found = await deps.bankConfig.get(version);
  if (!found) throw notFound('configuration version');
  return found;
}

export async function adminHistory(deps: Deps, p: Principal) {
  requireHeadOffice(p);
  const events = await deps.bankConfig.history();
  return { chain: verifyChain(events), events };
}
