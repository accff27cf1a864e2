/**
 * Daily loan servicing (DESIGN.md §7.2): for each business day, every loan's due-date debit through the core-banking
 * port (penalty → interest → principal, partial payments taken), penalty interest on overdue principal, days past
 * due, the five-tier class with borrower-level contagion, and reminders before and on due dates and when a payment
 * is missed. The rules are shared/servicing/; this module does the debits and the writes. A loan's days are
 * applied in memory and written once, version-conditionally; a debit is keyed by loan, period and attempt, so a
 * retried run takes nothing twice (the replayed debit is allocated again to the unchanged record).
 */
import { BRANCHES } from '../../../shared/divisions.js';
import { addDays, beijingDate } from '../../../shared/day-count.js';
import { formatYuan } from '../../../shared/money.js';
import { LOAN_CLASS_NAMES, classify, nonPerformingShare, reclassify, type LoanClassCode } from '../../../shared/servicing/classification.js';
import {
  accruePenalty, allocate, amountDue, daysPastDue, isRepaid, principalOutstanding, type LoanEvent, type LoanRecord,
} from '../../../shared/servicing/loan.js';
import { applyPrepayment } from '../../../shared/servicing/prepayment.js';
import type { LoanStatus } from '../../../shared/lifecycle.js';
import type { Deps } from '../ports.js';
import { transitionLoan } from '../transition.js';

/** Days before a due date the first reminder goes out. */
export const REMINDER_DAYS_BEFORE = 3;
export const CHUNK_SIZE = 200;

type Message = { to: string; kind: string; subject: string; body: string };

interface Worked {
  /** The record as read: the write is conditional on its version and moves from its status. */
  base: LoanRecord;
  loan: LoanRecord;
  changed: boolean;
  messages: Message[];
}

const to = (l: LoanRecord) => l.ownerUsername ?? l.ownerId;
const yuan = (fen: number) => `¥${formatYuan(fen, 'zh').replace(/元$/, '')}`;

/** Anything to do for this loan between its last serviced day and `date`? Most days, for most loans, nothing. */
function quiet(loan: LoanRecord, date: string): boolean {
  if (loan.status === 'settled') return true;
  if (loan.status === 'overdue' || loan.daysPastDue > 0) return false;
  if (loan.scheduledPrepayment && loan.scheduledPrepayment.date <= date) return false;
  const next = loan.schedule.find((i) => i.principal - i.paidPrincipal + i.interest - i.paidInterest > 0);
  if (!next) return false;
  return addDays(next.dueDate, -REMINDER_DAYS_BEFORE) > date;
}

/** Runs `loan` forward day by day to `date` (inclusive): reminders, prepayments due, penalty, the debit. */
async function serviceDays(deps: Deps, input: LoanRecord, date: string): Promise<Worked> {
  let loan = input;
  const messages: Message[] = [];
  const history: LoanEvent[] = [];
  const at = deps.clock.now().toISOString();
  const remind = (key: string, kind: string, subject: string, body: string) => {
    if (loan.reminders.includes(key)) return;
    loan = { ...loan, reminders: [...loan.reminders, key] };
    messages.push({ to: to(loan), kind, subject, body });
  };
  let day = input.servicedThrough;
  while (day < date && loan.status !== 'settled') {
    day = addDays(day, 1);
    // A prepayment quoted for this day: the money is taken before anything else falls due.
    const sp = loan.scheduledPrepayment;
    if (sp && sp.date <= day) {
      const quote = loan.quotes.find((q) => q.quoteId === sp.quoteId);
      loan = { ...loan, scheduledPrepayment: undefined };
      if (quote && sp.date === day) loan = await takePrepayment(deps, loan, quote, history, at);
    }
    for (const i of loan.schedule) {
      const open = i.principal - i.paidPrincipal + i.interest - i.paidInterest > 0;
      if (!open) continue;
      if (addDays(i.dueDate, -REMINDER_DAYS_BEFORE) === day) {
        remind(`${i.period}:before`, 'repayment-reminder', `还款提醒 / Repayment reminder: ${i.dueDate}`,
          `贵司贷款（合同 ${loan.contractNo}）第${i.period}期将于${i.dueDate}到期，应还${yuan(i.principal + i.interest - i.paidPrincipal - i.paidInterest)}，请确保还款账户余额充足。`
          + ` Instalment ${i.period} of contract ${loan.contractNo} falls due on ${i.dueDate}; keep the repayment account funded.`);
      }
      if (i.dueDate === day) {
        remind(`${i.period}:due`, 'repayment-due', `今日还款 / Due today: ${i.dueDate}`,
          `贵司贷款（合同 ${loan.contractNo}）第${i.period}期今日到期，银行将从还款账户扣收。 Instalment ${i.period} is due today and will be debited from the repayment account.`);
      }
    }
    loan = { ...loan, ...accruePenalty(loan, day) };
    const due = amountDue(loan, day);
    if (due.total > 0 && due.period !== null) {
      const attempt = loan.repayments.filter((r) => r.kind === 'instalment' && r.period === due.period).length;
      const result = await deps.coreBanking.debit({
        creditCode: loan.borrower.creditCode, key: `${loan.id}#P${due.period}#${attempt}`, amount: due.total, allowPartial: true,
        memo: `贷款还款 ${loan.contractNo} 第${due.period}期`,
      });
      if (result.ok) {
        const taken = Math.min(result.amount, due.total);
        const { book, repayment } = allocate(loan, taken, day, { at: result.at, transactionId: result.transactionId });
        loan = { ...loan, ...book, repayments: [...loan.repayments, repayment] };
        history.push({ at, type: taken < due.total ? 'partly-repaid' : 'repaid', detail: { date: day, period: due.period, amount: taken, due: due.total, transactionId: result.transactionId } });
      } else {
        history.push({ at, type: 'debit-failed', detail: { date: day, period: due.period, due: due.total, reason: result.reason, balance: result.balance } });
      }
      const stillDue = amountDue(loan, day);
      const dueToday = loan.schedule.find((i) => i.dueDate === day);
      if (stillDue.total > 0 && dueToday) {
        remind(`${dueToday.period}:missed`, 'repayment-missed', `还款未成功 / Payment missed: ${day}`,
          `贵司贷款（合同 ${loan.contractNo}）第${dueToday.period}期扣款未成功，尚欠${yuan(stillDue.total)}。逾期部分按合同约定利率上浮50%计收罚息，请尽快存入足额资金。`
          + ` The debit for instalment ${dueToday.period} failed; ${yuan(stillDue.total)} is outstanding and overdue principal bears penalty interest. Fund the repayment account.`);
      }
    }
  }
  const dpd = daysPastDue(loan, date);
  const status: LoanStatus = isRepaid(loan) ? 'settled' : dpd > 0 ? 'overdue' : 'active';
  if (status !== input.status) history.push({ at, type: `loan-${status}`, detail: { date, daysPastDue: dpd } });
  loan = { ...loan, servicedThrough: date, daysPastDue: dpd, status, history: [...loan.history, ...history], ...(status === 'settled' && !loan.settledAt ? { settledAt: at } : {}) };
  return { base: input, loan, changed: true, messages };
}

/** Takes a quoted prepayment from the repayment account and applies it; a lack of funds is recorded, nothing taken. */
export async function takePrepayment(deps: Deps, loan: LoanRecord, quote: LoanRecord['quotes'][number], history: LoanEvent[], at: string): Promise<LoanRecord> {
  const result = await deps.coreBanking.debit({
    creditCode: loan.borrower.creditCode, key: `${loan.id}#PREPAY#${quote.quoteId}`, amount: quote.total, memo: `提前还款 ${loan.contractNo}`,
  });
  if (!result.ok) {
    history.push({ at, type: 'prepayment-failed', detail: { quoteId: quote.quoteId, total: quote.total, reason: result.reason, balance: result.balance } });
    return loan;
  }
  const { book, repayment } = applyPrepayment(loan, quote, { at: result.at, transactionId: result.transactionId });
  history.push({ at, type: 'prepaid', detail: { quoteId: quote.quoteId, principal: quote.principal, interest: quote.interest, total: quote.total, mode: quote.mode } });
  return { ...loan, ...book, repayments: [...loan.repayments, repayment] };
}

/** The class of each loan in a borrower's group: own floors first, then the borrower-level share over them. */
export function classifyGroup(group: LoanRecord[], today: string): Map<string, ReturnType<typeof classify>> {
  const own = group.map((l) => ({ l, c: classify({ daysPastDue: l.daysPastDue, band: l.band, restructuredUntil: l.restructuredUntil, today }) }));
  const live = own.filter(({ l }) => l.status !== 'settled');
  const share = nonPerformingShare(live.map(({ l, c }) => ({ outstanding: principalOutstanding(l), ownClass: c.class })));
  return new Map(own.map(({ l }) => [l.id, classify({
    daysPastDue: l.daysPastDue, band: l.band, restructuredUntil: l.restructuredUntil, today,
    borrowerNonPerformingShare: live.length > 1 ? share : 0,
  })]));
}

export interface ChunkResult {
  done: boolean;
  cursor?: string;
  serviced: number;
  unchanged: number;
  reclassified: number;
  debits: number;
  failed: { id: string; error: string }[];
}

/** One page of a branch's loans serviced through `date` (a Beijing date). */
export async function serviceChunk(deps: Deps, input: { date: string; branch: string; cursor?: string | null; limit?: number }): Promise<ChunkResult> {
  const page = await deps.loans.branchPage(input.branch, { limit: input.limit ?? CHUNK_SIZE, cursor: input.cursor ?? undefined });
  const result: ChunkResult = { done: !page.cursor, cursor: page.cursor, serviced: 0, unchanged: 0, reclassified: 0, debits: 0, failed: [] };
  await serviceLoans(deps, page.items, input.date, result);
  return result;
}

/** These loans (and their borrowers' other loans) serviced through `date`, counted into `result`. */
export async function serviceLoans(deps: Deps, items: LoanRecord[], date: string, result: Omit<ChunkResult, 'done' | 'cursor'>, seen = new Set<string>()) {
  for (const first of items) {
    if (seen.has(first.id)) continue;
    // A borrower's loans may sit in several branches, whose chunks run at once: a lost race is retried on fresh
    // records (the winner's servicedThrough then says it is done; its debits replay, never taken twice).
    for (let attempt = 1, loan: LoanRecord | null = first; loan; attempt++) {
      try {
        await serviceBorrower(deps, loan, date, seen, result);
        break;
      } catch (err) {
        if (attempt < 3 && err instanceof LostRace) { loan = await deps.loans.get(first.id); continue; }
        // One borrower's failure must not stop the run; it is reported and the next run catches the loan up.
        result.failed.push({ id: first.id, error: (err as Error).message });
        break;
      }
    }
  }
}

class LostRace extends Error {}

/** Quiet, and its own floors give the class it has: nothing to write (siblings' contagion is their group's run). */
const untouched = (l: LoanRecord, date: string) => quiet(l, date)
  && classify({ daysPastDue: 0, band: l.band, restructuredUntil: l.restructuredUntil, today: date }).class === l.classification.class
  && !l.classification.reasons.some((r) => /non-performing|不良/.test(r.en + r.zh));

/** Whether servicing through `date` would do anything for this loan (debit, remind, accrue, reclassify, write). */
export const needsServicing = (l: LoanRecord, date: string) => !(l.servicedThrough >= date || l.status === 'settled' || untouched(l, date));

async function serviceBorrower(deps: Deps, first: LoanRecord, date: string, seen: Set<string>, result: Omit<ChunkResult, 'done' | 'cursor'>) {
  if (!needsServicing(first, date)) { seen.add(first.id); result.unchanged++; return; }
  // Borrowers with one loan (nearly all) need no second read; contagion needs the whole group.
  const group = await deps.loans.listByBorrower(first.borrower.creditCode);
  for (const l of group) seen.add(l.id);
  const single = group.length === 1;
  const worked: Worked[] = [];
  for (const l of single ? [first] : group) {
    if (l.servicedThrough >= date || l.status === 'settled') { worked.push({ base: l, loan: l, changed: false, messages: [] }); continue; }
    worked.push(await serviceDays(deps, l, date));
  }
  const classes = classifyGroup(worked.map((w) => w.loan), date);
  for (const w of worked) {
    if (!w.changed) continue;
    const { classification, change } = reclassify(w.loan.classification, classes.get(w.loan.id)!, date);
    const loan = w.loan;
    const patch: Partial<LoanRecord> = { ...loan, classification };
    if (change) {
      patch.classHistory = [...loan.classHistory, change];
      patch.history = [...loan.history, { at: deps.clock.now().toISOString(), type: 'reclassified', detail: { from: change.from, to: change.to, reasons: change.reasons.map((r) => r.en) } }];
      result.reclassified++;
    }
    const { id: _i, version: _v, status, updatedAt: _u, ...rest } = patch as LoanRecord;
    const next = await transitionLoan(deps, w.base, 'servicing', { status, patch: rest });
    if (!next) throw new LostRace('changed during servicing');
    result.serviced++;
    result.debits += loan.repayments.length - w.base.repayments.length;
    for (const m of w.messages) await deps.notifier.send(m.to, { kind: m.kind, subject: m.subject, body: m.body });
    if (change) await notifyClassChange(deps, next, change.from, change.to);
  }
}

async function notifyClassChange(deps: Deps, loan: LoanRecord, from: LoanClassCode | null, to: LoanClassCode) {
  if (!from || !loan.accountManager) return;
  await deps.notifier.send(loan.accountManager, {
    kind: 'loan-reclassified',
    subject: `五级分类调整 / Reclassified: ${loan.borrower.name}`,
    body: `${loan.borrower.name}（合同 ${loan.contractNo}）由${LOAN_CLASS_NAMES[from].zh}调整为${LOAN_CLASS_NAMES[to].zh}：${loan.classification.reasons.map((r) => r.zh).join('；')}。`
      + ` ${LOAN_CLASS_NAMES[from].en} → ${LOAN_CLASS_NAMES[to].en}: ${loan.classification.reasons.map((r) => r.en).join('; ')}.`,
  });
}

/** What the daily run's plan hands its Map: one chunk chain per branch. */
export function planServicing(date: string) {
  return { date, chunks: BRANCHES.map((b) => ({ date, branch: b.code, cursor: null as string | null })) };
}

/** Every branch, chunk after chunk (what the workflow's Map does, in one process: the dev clock and tests). */
export async function serviceAll(deps: Deps, date: string) {
  const totals: Omit<ChunkResult, 'done' | 'cursor'> & { chunks: number } = { serviced: 0, unchanged: 0, reclassified: 0, debits: 0, failed: [], chunks: 0 };
  for (const { branch } of planServicing(date).chunks) {
    let cursor: string | undefined;
    do {
      const r = await serviceChunk(deps, { date, branch, cursor });
      totals.chunks++;
      totals.serviced += r.serviced; totals.unchanged += r.unchanged; totals.reclassified += r.reclassified; totals.debits += r.debits;
      totals.failed.push(...r.failed);
      cursor = r.cursor;
    } while (cursor);
  }
  return totals;
}

export const businessDate = (deps: Deps) => beijingDate(deps.clock.now());
