import { describe, expect, it } from 'vitest';
import { CADENCE_DAYS, evaluateWarnings, nextCheck, taxFallingRun } from '../../shared/monitoring.js';

describe('post-loan warnings', () => {
  it.each([
    [[100, 70, 70, 70], true],
    [[100, 70, 71, 60], false],
    [[100, 70, 60], false],
    [[0, 0, 0, 0], false],
    [[500, 100, 69, 50, 40], true],
  ])('tax series %o falls ≥30 %% three months running: %s', (series, expected) => {
    expect(taxFallingRun(series)).toBe(expected);
  });

  it.each([
    [{ majorCustomerLoss: 0.2 }, []],
    [{ majorCustomerLoss: 0.21 }, ['customer-loss']],
    [{ cashFlowCoverage: 1.2 }, []],
    [{ cashFlowCoverage: 1.19 }, ['cash-flow-coverage']],
    [{ newLitigation: true, legalRepresentativeChanged: true }, ['new-litigation', 'legal-rep-changed']],
    [{ newDishonestDebtorEntry: true, rdFailure: true, keyStaffExit: true }, ['dishonest-debtor', 'rd-failure', 'key-staff-exit']],
  ])('%o raises %o', (signals, codes) => {
    expect(evaluateWarnings(signals).map((w) => w.code)).toEqual(codes);
  });

  it.each([['green', '2026-04-14'], ['blue', '2026-04-14'], ['yellow', '2026-03-22'], ['orange', '2026-03-16'], ['red', '2026-03-16']] as const)(
    'checks a %s borrower next on %s', (band, date) => {
      expect(nextCheck('2026-03-15', band)).toBe(date);
      expect(CADENCE_DAYS[band]).toBeGreaterThan(0);
    },
  );
});
