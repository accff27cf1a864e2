import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, generateCreditCode, validateCreditCode } from '../../shared/credit-code.js';
import { STRONG_APPLICANT, WEAK_APPLICANT } from '../../shared/fixtures.js';

describe('unified social credit code', () => {
  it.each([
    ['91410100317000520M', '410100'],
    ['914103003170005301', '410300'],
    [STRONG_APPLICANT.enterprise.creditCode, '410100'],
    [WEAK_APPLICANT.enterprise.creditCode, '410100'],
    ['91350100M000100Y43', '350100'], // a published code (Fujian), check character 3
  ])('accepts %s and reads division %s', (code, division) => {
    expect(validateCreditCode(code)).toEqual({ ok: true, divisionCode: division });
  });

  it.each([
    ['91410100317000520', /18 characters; this one has 17/],
    ['91410100317000520MM', /18 characters; this one has 19/],
    ['91410100317000520N', /check character/],
    ['914103003170005302', /check character/],
    ['9141010031700052OM', /Character 17 \("O"\) is not allowed/],
    ['91410100317000520m', /Character 18 \("m"\) is not allowed/],
    ['91A10100317000520M', /division code/],
  ])('refuses %s with a clear message', (code, message) => {
    const result = validateCreditCode(code);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('does not reveal the expected check character', () => {
    const result = validateCreditCode('91410100317000520N');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toMatch(/"M"|\bM\b/);
  });

  it('maps a check sum of 0 mod 31 to the character 0', () => {
    // 17 zeros sum to 0 → 31 − 0 = 31 → "0".
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('every code the generator makes validates and keeps its division', () => {
    fc.assert(fc.property(
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 9, maxLength: 9 }),
      fc.integer({ min: 0, max: 999_999 }),
      (draws, div) => {
        let i = 0;
        const division = String(div).padStart(6, '0');
        const code = generateCreditCode(() => draws[i++ % draws.length], division);
        expect(code).toHaveLength(18);
        expect([...code].every((c) => CREDIT_CODE_CHARSET.includes(c))).toBe(true);
        expect(validateCreditCode(code)).toEqual({ ok: true, divisionCode: division });
      },
    ));
  });

  it('any single-character change to a valid code is caught', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (pos, shift) => {
      const code = '91410100317000520M';
      const replaced = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(code[pos]) + shift) % 31];
      const mutated = code.slice(0, pos) + replaced + code.slice(pos + 1);
      expect(validateCreditCode(mutated).ok).toBe(false);
    }));
  });
});
