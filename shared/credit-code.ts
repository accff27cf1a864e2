/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 * 18 characters: 1 registration authority, 1 entity type, 6 division code (GB/T 2260),
 * 9 organisation code, 1 check character computed over the first 17.
 */

/** The 31 characters the standard allows (no I, O, S, V, Z). Index = character value. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeResult = { ok: true; divisionCode: string } | { ok: false; message: string };

/** Check character for the first 17 characters: 31 − (Σ value × weight mod 31), where 31 means 0. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`"${first17[i]}" is not a credit-code character`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Validates a code as typed by a person; the message says what is wrong without revealing the right answer. */
export function validateCreditCode(code: string): CreditCodeResult {
  if (code.length !== 18) {
    return { ok: false, message: `A unified social credit code has 18 characters; this one has ${code.length}.` };
  }
  const bad = [...code].findIndex((c) => !CREDIT_CODE_CHARSET.includes(c));
  if (bad >= 0) {
    return {
      ok: false,
      message: `Character ${bad + 1} ("${code[bad]}") is not allowed: credit codes use digits and the capital letters A–Y except I, O, S, V and Z.`,
    };
  }
  const divisionCode = code.slice(2, 8);
  if (!/^\d{6}$/.test(divisionCode)) {
    return { ok: false, message: 'Characters 3–8 must be the six-digit registration division code (e.g. 410100).' };
  }
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) {
    return { ok: false, message: 'The check character (the 18th) does not match the rest of the code: please check for a typing error.' };
  }
  return { ok: true, divisionCode };
}

/** A random valid code for an enterprise (registration authority 9, type 1) in the given division; for tests and demo data. */
export function generateCreditCode(rng: () => number, divisionCode: string): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new RangeError('divisionCode must be six digits');
  const pick = () => CREDIT_CODE_CHARSET[Math.min(CREDIT_CODE_CHARSET.length - 1, Math.floor(rng() * CREDIT_CODE_CHARSET.length))];
  let org = '';
  for (let i = 0; i < 9; i++) org += pick();
  const first17 = `91${divisionCode}${org}`;
  return first17 + creditCodeCheckChar(first17);
}
