/**
 * The signing audit trail as printed on the certificate page and stored as append-only events.
 * Times are ISO 8601 UTC; the page shows them in UTC and in Beijing time.
 */
export const AUDIT_STEPS = ['generated', 'viewed', 'code-sent', 'signed', 'reviewed', 'sealed'] as const;
export type AuditStepKind = (typeof AUDIT_STEPS)[number];

export const AUDIT_STEP_NAMES_ZH: Record<AuditStepKind, string> = {
  generated: '生成合同',
  viewed: '借款人查阅',
  'code-sent': '发送验证码',
  signed: '借款人签署',
  reviewed: '贷款中心审核',
  sealed: '银行电子印章',
};

export interface AuditStep {
  step: AuditStepKind;
  /** ISO 8601 instant (UTC). */
  at: string;
  actor: string;
  ip?: string;
  userAgent?: string;
  /** SHA-256 hex of the document before and after the step; absent when there was none (before generation). */
  sha256Before?: string;
  sha256After?: string;
  note?: string;
}

/** "2026-03-05T02:04:05.000Z" → "2026-03-05 10:04:05 (UTC+8)": Beijing has no daylight saving. */
export function toBeijingTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${iso}`);
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')} (UTC+8)`;
}

export function toUtcTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
