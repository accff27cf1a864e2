/**
 * Money and numbers for people: forms take yuan (元) and the API takes integer fen (分), so the
 * conversion is exact string arithmetic, never floating point. Display uses the shared formatters.
 */
import { formatRate, formatYuan } from '../../../shared/money.js';

/** "80,000,000.5" → 8000000050; null when the text is not an amount in yuan with at most 2 decimals. */
export function yuanToFen(input: string): number | null {
  const s = input.replace(/[\s,，¥￥]/g, '');
  const m = /^(-?)(\d{1,14})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

/** 8000000050 → "80000000.50", for putting an amount back into a yuan input. */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const cents = abs % 100;
  return `${sign}${Math.floor(abs / 100)}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

/** zh "300,000元", en "¥300,000" */
export function formatFen(fen: number, locale: string): string {
  return formatYuan(fen, locale.startsWith('zh') ? 'zh' : 'en');
}

/** 435 bps → "4.35%" */
export function formatBps(bps: number): string {
  return formatRate(bps);
}

export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

export function formatDateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, locale: string): string {
  if (!iso) return '—';
  // Calendar dates (YYYY-MM-DD) are shown as written, not shifted by the viewer's time zone.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(d);
}

/** 135 → "2 h 15 min" / "2 小时 15 分" */
export function formatMinutes(minutes: number, locale: string): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  const zh = locale.startsWith('zh');
  if (h === 0) return zh ? `${m} 分钟` : `${m} min`;
  return zh ? `${h} 小时 ${m} 分` : `${h} h ${m} min`;
}
