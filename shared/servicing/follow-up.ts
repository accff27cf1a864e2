/**
 * Post-loan work that someone owns (DESIGN.md §3, §7.2): a warning becomes a task to verify within 24 hours,
 * then a follow-up for 30–60 days before it is closed or escalated; each band's action is a task kind of its own;
 * inspections follow the band's cadence.
 */
import { RESPONSE_WINDOW } from '../monitoring.js';
import type { Band } from '../types.js';

export const TASK_KINDS = [
  'verify-warning', 'follow-up', 'risk-plan', 'extra-inspection', 'cut-limit-or-collateral', 'exit-procedure', 'inspection', 'collect-arrears',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_KIND_NAMES: Record<TaskKind, { zh: string; en: string }> = {
  'verify-warning': { zh: '核实预警', en: 'Verify the warning' },
  'follow-up': { zh: '跟踪预警', en: 'Follow up the warning' },
  'risk-plan': { zh: '制定风险应对计划', en: 'Write a risk plan' },
  'extra-inspection': { zh: '增加贷后检查', en: 'Inspect more often' },
  'cut-limit-or-collateral': { zh: '压缩额度或追加担保', en: 'Cut the limit or add collateral' },
  'exit-procedure': { zh: '启动风险退出', en: 'Start the exit procedure' },
  inspection: { zh: '贷后检查', en: 'Post-loan inspection' },
  'collect-arrears': { zh: '逾期催收', en: 'Collect the arrears' },
};

/** The band actions of DESIGN.md §3, as tasks. */
export const BAND_ACTIONS: Record<Band, TaskKind[]> = {
  green: [], blue: [], yellow: ['risk-plan', 'extra-inspection'], orange: ['cut-limit-or-collateral'], red: ['exit-procedure'],
};

export const TASK_OUTCOMES = ['confirmed', 'false-alarm', 'resolved', 'escalate'] as const;
export type TaskOutcome = (typeof TASK_OUTCOMES)[number];

export interface FollowUpTask {
  id: string;
  loanId: string;
  kind: TaskKind;
  assignee: string;
  branch: string;
  borrower: string;
  createdAt: string;
  dueBy: string;
  status: 'open' | 'done' | 'escalated';
  reason: { zh: string; en: string };
  warnings?: string[];
  outcome?: TaskOutcome;
  note?: string;
  completedAt?: string;
  completedBy?: string;
}

export const EXTERNAL_SIGNAL_KINDS = ['court-case', 'dishonest-debtor', 'registry-change', 'tax-arrears'] as const;
export type ExternalSignalKind = (typeof EXTERNAL_SIGNAL_KINDS)[number];

export interface ExternalSignal {
  creditCode: string;
  kind: ExternalSignalKind;
  at: string;
  detail: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When a new task of this kind is due: verification within 24 hours, band actions within a week, follow-up within the window. */
export function dueByFor(kind: TaskKind, createdAt: string): string {
  const t = Date.parse(createdAt);
  const ms = kind === 'verify-warning' || kind === 'collect-arrears' ? RESPONSE_WINDOW.verifyHours * HOUR
    : kind === 'follow-up' ? RESPONSE_WINDOW.followUpDays.max * DAY
      : kind === 'inspection' ? 7 * DAY : 7 * DAY;
  return new Date(t + ms).toISOString();
}

/** A follow-up may close only after its minimum window (30 days); before that, `resolved` is refused. */
export const followUpMayClose = (task: FollowUpTask, now: string) =>
  Date.parse(now) - Date.parse(task.createdAt) >= RESPONSE_WINDOW.followUpDays.min * DAY;

export const isTaskOverdue = (task: FollowUpTask, now: string) => task.status === 'open' && task.dueBy < now;
