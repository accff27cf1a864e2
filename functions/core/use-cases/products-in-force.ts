/**
 * What an applicant's form needs of the configuration in force (DESIGN.md §7.3): each product's bounds, and
 * whether a registered division is inside the service area, decided by the same rule as routing at creation.
 */
import { productOf } from '../../../shared/bank-config.js';
import { PRODUCTS } from '../../../shared/catalog.js';
import { registeredDivisionProblem } from '../../../shared/enterprise.js';
import { divisionForEnterprise, routeToBranch } from '../../../shared/routing.js';
import type { Deps } from '../ports.js';

export async function productsInForce(deps: Deps) {
  const config = await deps.bankConfig.inForce(deps.clock.now());
  return {
    version: config.version,
    effectiveFrom: config.effectiveFrom,
    // Only what the form shows and checks: tier limits and pricing bounds stay with staff.
    products: PRODUCTS.map((code) => {
      const p = productOf(config, code);
      return {
        code, nameZh: p.nameZh, nameEn: p.nameEn, amount: p.amount, termMonths: p.termMonths,
        eligibleLabels: p.eligibleLabels, repaymentMethods: p.repaymentMethods, requiredDocuments: p.requiredDocuments,
      };
    }),
  };
}

/** The branch that would serve an enterprise registered at `division` (or by its credit code's), or why none would. */
export async function serviceAreaCheck(deps: Deps, q: { creditCode?: string; division?: string }) {
  const config = await deps.bankConfig.inForce(deps.clock.now());
  const division = q.creditCode ? divisionForEnterprise({ creditCode: q.creditCode, registeredDivision: q.division }) : q.division ?? '';
  const route = routeToBranch({ divisionCode: division, branches: config.branches });
  if (!route.ok) return { division, inArea: false as const, code: route.code, message: route.message };
  // Inside the area, a declared division must still be the credit code's own prefecture (as creation checks).
  const mismatch = q.creditCode ? registeredDivisionProblem(q.creditCode, q.division) : null;
  const branch = { code: route.branch.code, name: route.branch.nameEn, nameZh: route.branch.nameZh };
  return mismatch
    ? { division, inArea: true as const, branch, code: 'registered-division-mismatch' as const, message: mismatch }
    : { division, inArea: true as const, branch };
}
