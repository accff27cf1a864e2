/**
 * Resident identity card number (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men), and a check character over the first 17 (ISO 7064 MOD 11-2).
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK = '10X98765432';

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idNumberCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

export type IdNumberResult = { ok: true; normalised: string } | { ok: false; message: string };

/** Validates a number as typed (a lower-case x is accepted); the message says what is wrong without giving the right answer. */
export function validateIdNumber(input: string): IdNumberResult {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: 'A resident ID number has 17 digits and a last digit or X.' };
  const birth = id.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth || birth < '19000101') {
    return { ok: false, message: 'Digits 7–14 of the ID number must be a real birth date (YYYYMMDD).' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, message: 'The last character of the ID number does not match the rest: please check for a typing error.' };
  }
  return { ok: true, normalised: id };
}
