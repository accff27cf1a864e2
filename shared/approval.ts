/**
 * Approval tiers (DESIGN.md §2 stage 3), with limits from the product configuration:
 *   reject                band red, or any negative-list hit
 *   auto                  amount ≤ auto ceiling, band green/blue, class A/B, all required documents verified,
 *                         declared figures within tolerance of the bank's data
 *   committee             amount above the two-approval limit, or band yellow/orange
 *   review-approve        amount ≤ branch authority, for a standard product or an SRDI enterprise (一审一批)
 *   review-two-approvals  amount ≤ two-approval limit
 */
import type { ProductConfig } from './products.js';
import type { DocumentKind, Tier } from './schemas/application.js';
import type { Band, StratClass } from './types.js';

/** Why a case landed where it did, most decisive first. */
export type TierRule =
  | 'negative-list' | 'band-red'
  | 'amount-above-auto-ceiling' | 'band-not-green-or-blue' | 'class-c' | 'documents-missing' | 'declared-figures-differ'
  | 'band-yellow-or-orange' | 'amount-above-two-approval-limit' | 'amount-above-branch-authority' | 'non-standard-product';

export type TierChoice =
  | { outcome: 'approved'; tier: 'auto'; rules: TierRule[] }
  | { outcome: 'rejected'; tier: null; rules: TierRule[] }
  | { outcome: 'referred'; tier: Exclude<Tier, 'auto'>; rules: TierRule[] };

export interface TierInput {
  amount: number;
  band: Band;
  stratClass: StratClass;
  negativeListHits: number;
  verifiedDocuments: DocumentKind[];
  /** Declared figures that differ from the bank's data beyond the tolerance: a person looks. */
  figureDiscrepancies?: number;
  /** 一审一批 is for a standard product or an SRDI enterprise (DESIGN.md §2); absent: treated as eligible. */
  standardOrSrdi?: boolean;
}

export type TierLimits = Pick<ProductConfig, 'autoCeiling' | 'branchAuthority' | 'twoApprovalLimit' | 'requiredDocuments'>;

export function missingDocuments(required: DocumentKind[], verified: DocumentKind[]): DocumentKind[] {
  return required.filter((k) => !verified.includes(k));
}

export function chooseTier(input: TierInput, limits: TierLimits): TierChoice {
  const rejections: TierRule[] = [];
  if (input.negativeListHits > 0) rejections.push('negative-list');
  if (input.band === 'red') rejections.push('band-red');
  if (rejections.length) return { outcome: 'rejected', tier: null, rules: rejections };

  const blockers: TierRule[] = [];
  if (input.amount > limits.autoCeiling) blockers.push('amount-above-auto-ceiling');
  if (input.band !== 'green' && input.band !== 'blue') blockers.push('band-not-green-or-blue');
  if (input.stratClass === 'C') blockers.push('class-c');
  if (missingDocuments(limits.requiredDocuments, input.verifiedDocuments).length) blockers.push('documents-missing');
  if (input.figureDiscrepancies) blockers.push('declared-figures-differ');
  if (!blockers.length) return { outcome: 'approved', tier: 'auto', rules: [] };

  if (input.band === 'yellow' || input.band === 'orange') {
    return { outcome: 'referred', tier: 'committee', rules: ['band-yellow-or-orange', ...blockers] };
  }
  if (input.amount > limits.twoApprovalLimit) {
    return { outcome: 'referred', tier: 'committee', rules: ['amount-above-two-approval-limit', ...blockers] };
  }
  if (input.amount > limits.branchAuthority) {
    return { outcome: 'referred', tier: 'review-two-approvals', rules: ['amount-above-branch-authority', ...blockers] };
  }
  if (input.standardOrSrdi === false) {
    return { outcome: 'referred', tier: 'review-two-approvals', rules: ['non-standard-product', ...blockers] };
  }
  return { outcome: 'referred', tier: 'review-approve', rules: blockers };
}
