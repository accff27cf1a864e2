/**
 * The bank's rules as data (DESIGN.md §7.3): products, tier thresholds, the LPR in force, policy coefficients,
 * SLA, warning thresholds, committees and the branches with their authority. One value per version, stored in the
 * table and changed by head office with four eyes; the constants of products.ts, policy.ts, sla.ts, monitoring.ts
 * and divisions.ts are only the seed (version 1). Pure: the caller passes `now`.
 */
import { PRODUCTS, type Product } from './catalog.js';
import { BRANCHES } from './divisions.js';
import { WARNING_THRESHOLDS } from './monitoring.js';
import { DEFAULT_POLICY, type Policy } from './policy.js';
import { PRODUCT_CONFIG, type ProductConfig } from './products.js';
import { DEFAULT_SLA_WORKING_MINUTES } from './sla.js';
import type { Branch } from './types.js';

/** The amounts that split the tiers (fen); they must rise: auto ≤ branch authority ≤ two-approval limit. */
export interface Thresholds {
  autoCeiling: number;
  branchAuthority: number;
  twoApprovalLimit: number;
}

/** A product's bounds; its tier limits are the bank-wide thresholds unless it lowers them. */
export type ProductSettings = Omit<ProductConfig, keyof Thresholds> & {
  code: Product;
  thresholds?: Partial<Thresholds>;
  /**
   * A standard product: one review + one approval may decide it within branch authority (一审一批, DESIGN.md §2).
   * A non-standard one (a pledge to value) takes two approvals unless the enterprise is SRDI (专精特新).
   */
  standard: boolean;
};

export interface BranchSettings extends Branch {
  authority: {
    /** Highest amount this branch's one review + one approval may decide (一审一批). */
    approvalLimit: number;
    /** Highest amount this branch's own credit committee may decide; above it the head-office committee sits. */
    committeeLimit: number;
  };
  /** The branch's credit committee (usernames); empty: the branch has none and its cases go to head office. */
  committee?: string[];
}

export interface BankConfig {
  version: number;
  /** ISO instant from which this version is in force. */
  effectiveFrom: string;
  products: ProductSettings[];
  thresholds: Thresholds;
  /** The one-year loan prime rate in force and the day it was published. */
  lpr: { rateBps: number; publishedOn: string };
  /** Scoring, stratification and pricing coefficients (the LPR lives in `lpr`). */
  policy: Omit<Policy, 'lprBps'>;
  sla: { workingMinutes: number };
  warnings: { taxDrop: number; taxMonths: number; customerLoss: number; cashFlowCoverage: number };
  committee: {
    /** Votes needed before a committee decides (≥ 3). */
    quorum: number;
    /** The head-office credit committee (usernames); empty: any member of the committee group may sit. */
    headOffice: string[];
    /** Head-office users who sit when recusals leave the committee short of a quorum. */
    alternates: string[];
  };
  branches: BranchSettings[];
}

/** Version 1: the constants the code shipped with. */
export const SEED_CONFIG: BankConfig = {
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00.000Z',
  products: PRODUCTS.map((code) => {
    const { autoCeiling: _a, branchAuthority: _b, twoApprovalLimit: _t, ...bounds } = PRODUCT_CONFIG[code];
    return { code, ...bounds, standard: code !== 'ip-pledge-loan' };
  }),
  thresholds: {
    autoCeiling: PRODUCT_CONFIG['tech-loan'].autoCeiling,
    branchAuthority: PRODUCT_CONFIG['tech-loan'].branchAuthority,
    twoApprovalLimit: PRODUCT_CONFIG['tech-loan'].twoApprovalLimit,
  },
  lpr: { rateBps: DEFAULT_POLICY.lprBps, publishedOn: '2025-05-20' },
  policy: (({ lprBps: _l, ...rest }) => rest)(DEFAULT_POLICY),
  sla: { workingMinutes: DEFAULT_SLA_WORKING_MINUTES },
  warnings: { ...WARNING_THRESHOLDS },
  committee: { quorum: 3, headOffice: [], alternates: [] },
  branches: BRANCHES.map((b) => ({
    ...b,
    authority: { approvalLimit: PRODUCT_CONFIG['tech-loan'].branchAuthority, committeeLimit: PRODUCT_CONFIG['tech-loan'].twoApprovalLimit },
  })),
};

/** The product as the decision engine reads it: its bounds with its effective tier limits. */
export function productOf(config: BankConfig, code: Product): ProductConfig {
  const p = config.products.find((x) => x.code === code);
  if (!p) throw new RangeError(`Configuration version ${config.version} has no product ${code}.`);
  const { code: _c, thresholds, ...bounds } = p;
  return { ...bounds, ...config.thresholds, ...thresholds };
}

/** The policy with the LPR in force, as scoring and pricing take it. */
export const policyOf = (config: BankConfig): Policy => ({ ...config.policy, lprBps: config.lpr.rateBps });

export const branchOf = (config: BankConfig, code: string): BranchSettings | undefined =>
  config.branches.find((b) => b.code === code);

/** The version in force at `at`: the highest whose effectiveFrom is not after it. */
export function inForceAt(versions: BankConfig[], at: Date): BankConfig | null {
  const t = at.getTime();
  return versions.filter((v) => Date.parse(v.effectiveFrom) <= t).sort((a, b) => b.version - a.version)[0] ?? null;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A proposal's changes applied to a configuration. Objects merge key by key, anything else replaces; `products`
 * and `branches` may also be given as an object keyed by code, which merges into that entry. Unknown keys are
 * reported, never silently kept.
 */
export function applyChanges(base: BankConfig, changes: Record<string, unknown>): { config: BankConfig; unknown: string[] } {
  const unknown: string[] = [];
  const merge = (target: unknown, patch: unknown, path: string): unknown => {
    if (!isPlainObject(patch)) return patch;
    if (Array.isArray(target) && (path === 'products' || path === 'branches')) {
      const list = target as { code: string }[];
      for (const code of Object.keys(patch)) if (!list.some((x) => x.code === code)) unknown.push(`${path}.${code}`);
      return list.map((item) => (patch[item.code] === undefined ? item : merge(item, patch[item.code], `${path}.${item.code}`)));
    }
    if (!isPlainObject(target)) return patch;
    const out: Record<string, unknown> = { ...target };
    for (const [k, v] of Object.entries(patch)) {
      const p = path ? `${path}.${k}` : k;
      // Optional keys a product may carry; everything else must exist already.
      if (!(k in target) && !(path.startsWith('products.') && k === 'thresholds')) { unknown.push(p); continue; }
      out[k] = merge(target[k], v, p);
    }
    return out;
  };
  const { version: _v, effectiveFrom: _e, ...rest } = changes;
  if (_v !== undefined) unknown.push('version');
  if (_e !== undefined) unknown.push('effectiveFrom');
  return { config: merge(base, rest, '') as BankConfig, unknown };
}

const intFen = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

/** Field path → what is wrong, for every invariant a configuration breaks; empty when it holds. */
export function configViolations(c: BankConfig): Record<string, string> {
  const f: Record<string, string> = {};
  const rising = (t: Partial<Thresholds>, path: string) => {
    for (const k of ['autoCeiling', 'branchAuthority', 'twoApprovalLimit'] as const) {
      if (t[k] !== undefined && !intFen(t[k])) f[`${path}.${k}`] ??= 'An amount in whole fen, zero or more.';
    }
    if (t.autoCeiling !== undefined && t.branchAuthority !== undefined && t.autoCeiling > t.branchAuthority) {
      f[`${path}.autoCeiling`] ??= `Thresholds must rise: the automatic ceiling (${t.autoCeiling}) may not exceed the branch authority (${t.branchAuthority}).`;
    }
    if (t.branchAuthority !== undefined && t.twoApprovalLimit !== undefined && t.branchAuthority > t.twoApprovalLimit) {
      f[`${path}.branchAuthority`] ??= `Thresholds must rise: the branch authority (${t.branchAuthority}) may not exceed the two-approval limit (${t.twoApprovalLimit}).`;
    }
  };
  rising(c.thresholds, 'thresholds');
  if (!Number.isInteger(c.lpr?.rateBps) || c.lpr.rateBps <= 0 || c.lpr.rateBps > 2000) f['lpr.rateBps'] = 'The LPR in basis points, a whole number from 1 to 2000.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(c.lpr?.publishedOn ?? '')) f['lpr.publishedOn'] = 'A date, YYYY-MM-DD.';
  for (const code of PRODUCTS) if (!c.products.some((p) => p.code === code)) f[`products.${code}`] = 'Every product needs its settings.';
  for (const p of c.products) {
    const path = `products.${p.code}`;
    if (!intFen(p.amount.min) || !intFen(p.amount.max) || p.amount.min > p.amount.max) f[`${path}.amount`] = 'min ≤ max, whole fen.';
    if (!Number.isInteger(p.termMonths.min) || !Number.isInteger(p.termMonths.max) || p.termMonths.min < 1 || p.termMonths.min > p.termMonths.max) f[`${path}.termMonths`] = 'Whole months, 1 ≤ min ≤ max.';
    if (!Number.isInteger(p.rateBps.min) || !Number.isInteger(p.rateBps.max) || p.rateBps.min <= 0 || p.rateBps.min > p.rateBps.max) f[`${path}.rateBps`] = 'Whole basis points, 0 < min ≤ max.';
    else if (c.lpr.rateBps > p.rateBps.max) f['lpr.rateBps'] ??= `The LPR (${c.lpr.rateBps} bps) is above the rate cap of ${p.code} (${p.rateBps.max} bps): every loan would price at the cap.`;
    if (p.thresholds) {
      rising({ ...c.thresholds, ...p.thresholds }, `${path}.thresholds`);
      for (const k of Object.keys(p.thresholds) as (keyof Thresholds)[]) {
        if ((p.thresholds[k] ?? 0) > c.thresholds[k]) f[`${path}.thresholds.${k}`] ??= 'A product may lower the bank-wide threshold, not raise it.';
      }
    }
    if (!p.repaymentMethods.length) f[`${path}.repaymentMethods`] = 'At least one repayment method.';
  }
  const pricing = c.policy.pricing;
  for (const [band, bps] of Object.entries(pricing.spreadByBand)) if (!Number.isInteger(bps)) f[`policy.pricing.spreadByBand.${band}`] = 'Whole basis points.';
  const floors = c.policy.health.bandFloors;
  if (!(floors.green > floors.blue && floors.blue > floors.yellow && floors.yellow > floors.orange && floors.orange > 0 && floors.green <= 100)) {
    f['policy.health.bandFloors'] = 'Band floors must fall: 100 ≥ green > blue > yellow > orange > 0.';
  }
  const w = c.policy.health.weights;
  if (Math.abs(w.quantitative + w.qualitative + w.external - 1) > 1e-9) f['policy.health.weights'] = 'The three weights must sum to 1.';
  const cls = c.policy.stratification.classes;
  if (!(cls.aBelow > 0 && cls.aBelow < cls.bBelow && cls.bBelow < 1)) f['policy.stratification.classes'] = '0 < aBelow < bBelow < 1.';
  if (!Number.isInteger(c.sla.workingMinutes) || c.sla.workingMinutes < 15) f['sla.workingMinutes'] = 'Whole working minutes, at least 15.';
  if (!(c.warnings.taxDrop > 0 && c.warnings.taxDrop < 1)) f['warnings.taxDrop'] = 'A share between 0 and 1.';
  if (!(c.warnings.customerLoss > 0 && c.warnings.customerLoss < 1)) f['warnings.customerLoss'] = 'A share between 0 and 1.';
  if (!Number.isInteger(c.warnings.taxMonths) || c.warnings.taxMonths < 1) f['warnings.taxMonths'] = 'Whole months, at least 1.';
  if (!(c.warnings.cashFlowCoverage > 0)) f['warnings.cashFlowCoverage'] = 'A positive ratio.';
  if (!Number.isInteger(c.committee.quorum) || c.committee.quorum < 3) f['committee.quorum'] = 'At least 3 members (DESIGN.md §2).';
  if (!c.branches.length) f.branches = 'At least one branch.';
  for (const b of c.branches) {
    const path = `branches.${b.code}`;
    if (!(Math.abs(b.lat) <= 90 && Math.abs(b.lon) <= 180)) f[`${path}.lat`] = 'Coordinates in degrees.';
    if (!intFen(b.authority.approvalLimit) || !intFen(b.authority.committeeLimit)) f[`${path}.authority`] = 'Amounts in whole fen.';
    else if (b.authority.approvalLimit > c.thresholds.twoApprovalLimit) f[`${path}.authority.approvalLimit`] = 'A branch authority may not exceed the two-approval limit.';
    else if (b.authority.approvalLimit < c.thresholds.autoCeiling) f[`${path}.authority.approvalLimit`] = 'A branch authority below the automatic ceiling leaves a gap.';
  }
  return f;
}

/** What a proposal may not do beyond the configuration's own invariants: take effect in the past. */
export function proposalViolations(next: BankConfig, effectiveFrom: string, now: Date): Record<string, string> {
  const f = configViolations(next);
  const at = Date.parse(effectiveFrom);
  // A minute of grace: "now" as the proposer's browser saw it is a little in the server's past.
  if (!Number.isFinite(at)) f.effectiveFrom = 'An ISO 8601 time.';
  else if (at < now.getTime() - 60_000) f.effectiveFrom = `The effective time ${effectiveFrom} is in the past; choose now or later.`;
  return f;
}

/**
 * Where a changed configuration no longer has the seed's shape (a number turned into text, a list into a number),
 * by field path; the invariants are checked only on a value of the right shape.
 */
export function shapeViolations(candidate: unknown, reference: unknown = SEED_CONFIG, path = ''): Record<string, string> {
  const f: Record<string, string> = {};
  const walk = (c: unknown, r: unknown, p: string) => {
    if (Array.isArray(r)) {
      if (!Array.isArray(c)) { f[p] = 'A list.'; return; }
      if (r.length && (p === 'products' || p === 'branches')) c.forEach((x, i) => walk(x, r[0], `${p}.${(x as { code?: string })?.code ?? i}`));
      else c.forEach((x, i) => { if (r.length && typeof x !== typeof r[0]) f[`${p}.${i}`] = `A ${typeof r[0]}.`; });
      return;
    }
    if (isPlainObject(r)) {
      if (!isPlainObject(c)) { f[p] = 'An object.'; return; }
      // Keyed maps (industry cycle scores) may gain keys; records of fixed fields may not lose any.
      for (const k of Object.keys(r)) {
        if (!(k in c)) { f[p ? `${p}.${k}` : k] = 'Missing.'; continue; }
        walk(c[k], r[k], p ? `${p}.${k}` : k);
      }
      return;
    }
    if (typeof c !== typeof r) f[p] = `A ${typeof r}.`;
  };
  walk(candidate, reference, path);
  return f;
}
