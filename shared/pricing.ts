/** Loan pricing (DESIGN.md §3): loan prime rate + spread by risk band and class, clamped to product bounds; bps. */
import type { Policy } from './policy.js';
import type { ProductConfig } from './products.js';
import type { Band, StratClass } from './types.js';

export interface PriceBreakdown {
  rateBps: number;
  lprBps: number;
  spreadBps: number;
  classAdjustmentBps: number;
  /** true when the product's floor or cap decided the rate */
  clamped: boolean;
}

export function priceLoan(
  risk: { band: Band; stratClass: StratClass },
  product: Pick<ProductConfig, 'rateBps'>,
  policy: Policy,
): PriceBreakdown {
  const spreadBps = policy.pricing.spreadByBand[risk.band];
  const classAdjustmentBps = policy.pricing.adjustmentByClass[risk.stratClass];
  const raw = policy.lprBps + spreadBps + classAdjustmentBps;
  const rateBps = Math.min(product.rateBps.max, Math.max(product.rateBps.min, raw));
  return { rateBps, lprBps: policy.lprBps, spreadBps, classAdjustmentBps, clamped: rateBps !== raw };
}
