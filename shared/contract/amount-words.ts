/**
 * Money in contract words: 人民币大写 (the capital numerals banks require so an amount cannot be
 * altered) and figures with thousands separators. Input is integer fen.
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿', '万亿'];

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`Amounts are whole, non-negative fen; got ${fen}.`);
}

/** Whole yuan in capitals, one 零 for any run of zeros inside, none at the end: 10005 → 壹万零伍. */
function yuanInCapitals(yuan: number): string {
  const digits = String(yuan);
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < digits.length; i++) {
    const place = digits.length - 1 - i;
    const d = Number(digits[i]);
    if (d === 0) {
      pendingZero = out !== '';
    } else {
      if (pendingZero) out += '零';
      pendingZero = false;
      out += DIGITS[d] + SMALL_UNITS[place % 4];
    }
    if (place % 4 === 0 && place > 0) {
      // A group of four that is all zeros gets no 万/亿 of its own.
      const group = Number(digits.slice(Math.max(0, i - 3), i + 1));
      if (group !== 0) {
        out += GROUP_UNITS[place / 4];
        pendingZero = false;
      }
    }
  }
  return out;
}

/**
 * 人民币大写 for an amount in fen, following the payment-settlement rules: 元整 when there are no
 * jiao or fen, 零 between 元 and a lone 分, 整 after 角 when there are no fen.
 * 300000000 → 叁佰万元整; 12345 → 壹佰贰拾叁元肆角伍分; 1000500 → 壹万零伍元整.
 */
export function toChineseCapital(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '零元整';
  let out = yuan > 0 ? `${yuanInCapitals(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao === 0) return `${out}${yuan > 0 ? '零' : ''}${DIGITS[fenDigit]}分`;
  out += `${DIGITS[jiao]}角`;
  return fenDigit === 0 ? `${out}整` : `${out}${DIGITS[fenDigit]}分`;
}

/** Figures as written in contracts: 300000000 → "3,000,000.00". */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const yuan = Math.floor(fen / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${yuan}.${String(fen % 100).padStart(2, '0')}`;
}

/** Basis points as an annual percentage: 385 → "3.85%". */
export function formatBps(bps: number): string {
  if (!Number.isInteger(bps)) throw new RangeError(`Rates are whole basis points; got ${bps}.`);
  const sign = bps < 0 ? '-' : '';
  const abs = Math.abs(bps);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** An ISO calendar date in contract style: "2026-03-05" → "2026年3月5日". */
export function formatChineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`Expected an ISO date, got ${isoDate}.`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}
