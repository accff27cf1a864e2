/**
 * The five-tier classification of the 2023 rule (商业银行金融资产风险分类办法, DESIGN.md §7.2): the worst of every
 * floor that applies, each floor a reason. Days past due: any → at least special mention, > 90 substandard,
 * > 270 doubtful, > 360 loss. The health band is a forward-looking floor (§3); a borrower with more than 10 % of
 * its debt at the bank non-performing has every loan non-performing; a restructured loan stays at least special
 * mention through its observation period.
 */
import { addMonths } from '../schedule.js';
import type { Band } from '../types.js';

export const LOAN_CLASS_CODES = ['normal', 'special-mention', 'substandard', 'doubtful', 'loss'] as const;
export type LoanClassCode = (typeof LOAN_CLASS_CODES)[number];

export const LOAN_CLASS_NAMES: Record<LoanClassCode, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'Normal' },
  'special-mention': { zh: '关注', en: 'Special mention' },
  substandard: { zh: '次级', en: 'Substandard' },
  doubtful: { zh: '可疑', en: 'Doubtful' },
  loss: { zh: '损失', en: 'Loss' },
};

/** Substandard, doubtful and loss are non-performing (不良). */
export const isNonPerforming = (c: LoanClassCode) => LOAN_CLASS_CODES.indexOf(c) >= 2;
const rank = (c: LoanClassCode) => LOAN_CLASS_CODES.indexOf(c);

/** Above this share of a borrower's debt at the bank non-performing, all its loans are. */
export const CONTAGION_SHARE = 0.1;

/** The band's forward-looking floor (as shared/scoring/health.ts maps bands to classes). */
export const BAND_FLOOR: Record<Band, LoanClassCode> = {
  green: 'normal', blue: 'normal', yellow: 'special-mention', orange: 'substandard', red: 'doubtful',
};

export interface ClassReason {
  code: 'performing' | 'days-past-due' | 'health-band' | 'borrower-non-performing' | 'restructured-observation';
  floor: LoanClassCode;
  text: { zh: string; en: string };
}

export interface ClassInput {
  daysPastDue: number;
  band?: Band;
  /** Share (0–1) of the borrower's outstanding debt at the bank that is non-performing, this loan included. */
  borrowerNonPerformingShare?: number;
  /** Last day of the observation period of a restructured loan (YYYY-MM-DD). */
  restructuredUntil?: string;
  today: string;
}

export function dpdFloor(dpd: number): LoanClassCode {
  return dpd > 360 ? 'loss' : dpd > 270 ? 'doubtful' : dpd > 90 ? 'substandard' : dpd > 0 ? 'special-mention' : 'normal';
}

/** The loan's own floors, without contagion: what the borrower-level share is computed from. */
export function classify(input: ClassInput): { class: LoanClassCode; reasons: ClassReason[] } {
  const reasons: ClassReason[] = [];
  const d = input.daysPastDue;
  const byDays = dpdFloor(d);
  if (d > 0) {
    reasons.push({
      code: 'days-past-due', floor: byDays,
      text: { zh: `逾期${d}天（${LOAN_CLASS_NAMES[byDays].zh}下限）`, en: `${d} days past due (floor: ${LOAN_CLASS_NAMES[byDays].en.toLowerCase()})` },
    });
  }
  if (input.band && BAND_FLOOR[input.band] !== 'normal') {
    const floor = BAND_FLOOR[input.band];
    reasons.push({
      code: 'health-band', floor,
      text: { zh: `健康度${bandZh(input.band)}（前瞻性下限：${LOAN_CLASS_NAMES[floor].zh}）`, en: `Health band ${input.band} (forward-looking floor: ${LOAN_CLASS_NAMES[floor].en.toLowerCase()})` },
    });
  }
  if (input.restructuredUntil && input.today <= input.restructuredUntil) {
    reasons.push({
      code: 'restructured-observation', floor: 'special-mention',
      text: { zh: `重组观察期至${input.restructuredUntil}`, en: `Restructured; under observation until ${input.restructuredUntil}` },
    });
  }
  const share = input.borrowerNonPerformingShare ?? 0;
  if (share > CONTAGION_SHARE) {
    const pct = Math.round(share * 1000) / 10;
    reasons.push({
      code: 'borrower-non-performing', floor: 'substandard',
      text: { zh: `借款人在本行债务的${pct}%为不良（超过10%，全部贷款归为不良）`, en: `${pct}% of the borrower's debt at the bank is non-performing (over 10%: all its loans are)` },
    });
  }
  const worst = reasons.reduce<LoanClassCode>((acc, r) => (rank(r.floor) > rank(acc) ? r.floor : acc), 'normal');
  if (!reasons.length) reasons.push({ code: 'performing', floor: 'normal', text: { zh: '按期还款，无逾期', en: 'Repaying on time, nothing overdue' } });
  // The binding floor first, so the first reason says why.
  reasons.sort((a, b) => rank(b.floor) - rank(a.floor));
  return { class: worst, reasons };
}

function bandZh(b: Band) {
  return { green: '绿色', blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' }[b];
}

/** Share of the borrower's outstanding principal in loans whose own class is non-performing. */
export function nonPerformingShare(loans: { outstanding: number; ownClass: LoanClassCode }[]): number {
  const total = loans.reduce((a, l) => a + l.outstanding, 0);
  if (total <= 0) return 0;
  return loans.filter((l) => isNonPerforming(l.ownClass)).reduce((a, l) => a + l.outstanding, 0) / total;
}

export interface Classification {
  class: LoanClassCode;
  since: string;
  reasons: { zh: string; en: string }[];
}

export interface ClassChange {
  at: string;
  from: LoanClassCode | null;
  to: LoanClassCode;
  reasons: { zh: string; en: string }[];
}

/** The new classification, and the change to record when the class moved (every change carries its reasons). */
export function reclassify(prev: Classification | undefined, next: { class: LoanClassCode; reasons: ClassReason[] }, today: string): { classification: Classification; change?: ClassChange } {
  const reasons = next.reasons.map((r) => r.text);
  if (prev && prev.class === next.class) return { classification: { ...prev, reasons } };
  return {
    classification: { class: next.class, since: today, reasons },
    change: { at: today, from: prev?.class ?? null, to: next.class, reasons },
  };
}

/** The 2023 rule's observation period of a restructured loan: at least a year (art. 20). */
export const RESTRUCTURE_OBSERVATION_MONTHS = 12;

/**
 * The last day of a restructured loan's observation period: a year from the first repayment due under the changed
 * terms (the rule counts from there), so from the next due date, or from today when nothing is due any more.
 */
export function restructureObservationEnd(today: string, nextDueDate: string | null): string {
  const start = nextDueDate && nextDueDate > today ? nextDueDate : today;
  return addMonths(start, RESTRUCTURE_OBSERVATION_MONTHS);
}
