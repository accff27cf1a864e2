/** Money is integer fen (分, ¥0.01); rates are basis points (1 bp = 0.01 %). */

export const FEN_PER_YUAN = 100;

/** Whole yuan → fen. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * FEN_PER_YUAN);

/** Rounds half away from zero, so a fen split never drifts with the sign. */
export const roundHalfUp = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * numerator / denominator for integers, rounded half up (away from zero) exactly. Floating division of a product
 * by a rate fraction drifts below exact half-fen ties (0.4999…) and rounds them down; this never does. BigInt past
 * 2^53, so large products stay exact.
 */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || denominator === 0) throw new RangeError('divRoundHalfUp takes whole numbers and a non-zero denominator');
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  if (n * 2 + d <= Number.MAX_SAFE_INTEGER) {
    const top = n * 2 + d;
    let q = Math.floor(top / (d * 2));
    // The float quotient can land one off next to an integer; the integer remainder settles it.
    const r = top - q * d * 2;
    if (r < 0) q--;
    else if (r >= d * 2) q++;
    return sign * q;
  }
  return sign * Number((BigInt(n) * 2n + BigInt(d)) / (BigInt(d) * 2n));
}

/** amount × rate (bps) in fen, rounded to the fen. */
export const applyBps = (amountFen: number, bps: number): number => divRoundHalfUp(Math.round(amountFen) * Math.round(bps), 10_000);

/** en "¥1,234.56", zh "1,234.56元"; whole yuan drop the ".00". */
export function formatYuan(fen: number, locale: 'zh' | 'en'): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  const grouped = yuan.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const body = cents ? `${grouped}.${cents.toString().padStart(2, '0')}` : grouped;
  const text = locale === 'zh' ? `${body}元` : `¥${body}`;
  return negative ? `-${text}` : text;
}

/** 385 bps → "3.85%". */
export function formatRate(bps: number): string {
  return `${(bps / 100).toFixed(2)}%`;
}
