/** Money is integer fen (分, ¥0.01); rates are basis points (1 bp = 0.01 %). */

export const FEN_PER_YUAN = 100;

/** Whole yuan → fen. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * FEN_PER_YUAN);

/** Rounds half away from zero, so a fen split never drifts with the sign. */
export const roundHalfUp = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/** amount × rate (bps) in fen, rounded to the fen. */
export const applyBps = (amountFen: number, bps: number): number => roundHalfUp((amountFen * bps) / 10_000);

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
