/**
 * The loan's life for its borrower (DESIGN.md §7.2): the loan opened at disbursement from the signed contract,
 * its view, early-repayment quotes and their execution, and the statement (rendered by the statement workflow, so
 * the API carries no PDF code and streams stored bytes).
 */
import { repaymentAccountFor } from '../../../shared/contract/bank.js';
import { beijingDate } from '../../../shared/day-count.js';
import { DomainError, notFound } from '../../../shared/errors.js';
import { pickAccountManager } from '../../../shared/routing.js';
import { classify, reclassify } from '../../../shared/servicing/classification.js';
import {
  DAY_COUNT, daysPastDue, instalmentStatus, nextDue, openBook, principalOutstanding, type LoanRecord,
} from '../../../shared/servicing/loan.js';
import { quotePrepayment, type QuoteRequest } from '../../../shared/servicing/prepayment.js';
import type { ApplicationRecord, ContractState } from '../../../shared/types.js';
import { isHeadOffice, isStaff } from '../access.js';
import type { Deps, Principal } from '../ports.js';
import { transitionLoan } from '../transition.js';
import { takePrepayment } from './loan-servicing.js';

/**
 * The account manager of a loan: the application's, else the enterprise's existing one, else the least-loaded at the
 * routed branch (automatic approvals have none yet). Null only when the branch has no account manager at all.
 */
export async function accountManagerFor(deps: Deps, app: ApplicationRecord): Promise<string | null> {
  if (app.assignee) return app.assignee;
  const existing = await deps.staff.enterpriseManager(app.enterprise.creditCode);
  if (existing) return existing;
  if (!app.branch) return null;
  const staff = await deps.staff.listStaff(app.branch.code);
  return pickAccountManager(staff.filter((s) => s.roles.includes('account-manager')).map((s) => ({ username: s.username, openCount: s.openCount })));
}

/** The loan as the signed contract makes it, at disbursement; a repeat returns the loan already opened. */
export async function openLoan(deps: Deps, app: ApplicationRecord & { contract: ContractState }, accountManager: string): Promise<LoanRecord> {
  const offer = app.decision?.offer;
  if (!offer || !app.contract.disbursement || !app.branch) throw new Error(`Application ${app.id} has no offer, disbursement or branch to open a loan from.`);
  const schedule = [...offer.schedule].sort((a, b) => a.period - b.period);
  // The schedule was built from the decision's Beijing date (shared/decision.ts): interest runs from there. Not
  // decidedAt's UTC date, which is the day before from 00:00 to 08:00 Beijing time (a day's interest too many).
  const startDate = app.decision!.facts?.today ?? beijingDate(app.decision!.decidedAt);
  const book = openBook({
    principal: app.loan.amount, rateBps: offer.rateBps, startDate, maturityDate: schedule[schedule.length - 1].dueDate,
    method: app.loan.repaymentMethod, termMonths: app.loan.termMonths,
  }, schedule);
  const now = deps.clock.now().toISOString();
  const band = app.monitoring?.band ?? app.decision!.assessment.band;
  const first = reclassify(undefined, classify({ daysPastDue: 0, band, today: startDate }), startDate);
  const loan: LoanRecord = {
    ...book,
    id: app.id, version: 1, status: 'active', ownerId: app.ownerId, ownerUsername: app.ownerUsername,
    borrower: { name: app.enterprise.name, creditCode: app.enterprise.creditCode },
    branch: { code: app.branch.code, name: app.branch.name, nameZh: app.branch.nameZh },
    accountManager, product: app.loan.product, contractNo: app.contract.contractNo,
    repaymentAccount: repaymentAccountFor(app.enterprise),
    disbursement: app.contract.disbursement,
    createdAt: now, updatedAt: now,
    servicedThrough: beijingDate(app.contract.disbursement.at) < startDate ? startDate : beijingDate(app.contract.disbursement.at),
    daysPastDue: 0, classification: first.classification, classHistory: first.change ? [first.change] : [],
    band, healthIndex: app.monitoring?.healthIndex ?? app.decision!.assessment.healthIndex,
    quotes: [], reminders: [],
    history: [{ at: now, type: 'loan-opened', detail: { contractNo: app.contract.contractNo, principal: app.loan.amount, rateBps: offer.rateBps, dayCount: DAY_COUNT.code, accountManager } }],
  };
  return (await deps.loans.create(loan)).loan;
}

/** Borrower, head office and committee, or staff of the loan's branch; anyone else is told it does not exist. */
export function canSeeLoan(p: Principal, loan: LoanRecord) {
  if (loan.ownerId === p.sub) return true;
  if (isHeadOffice(p) || p.groups.includes('committee')) return true;
  return isStaff(p) && !!p.branch && p.branch === loan.branch.code;
}

export async function loadLoan(deps: Deps, p: Principal, id: string): Promise<LoanRecord> {
  const loan = /^[A-Za-z0-9-]{1,64}$/.test(id) ? await deps.loans.get(id) : null;
  if (!loan || !canSeeLoan(p, loan)) throw notFound('loan');
  return loan;
}

/** GET /api/loans/{id}: the shape of DESIGN.md §7.2, plus what the borrower's page shows beside it. */
export function presentLoan(loan: LoanRecord, today: string) {
  const next = nextDue(loan, today);
  return {
    id: loan.id,
    status: loan.status,
    principalOutstanding: principalOutstanding(loan),
    nextDue: next ? { dueDate: next.dueDate, principal: next.principal, interest: next.interest } : null,
    daysPastDue: loan.status === 'settled' ? 0 : daysPastDue(loan, today),
    classification: loan.classification,
    dayCount: loan.terms.dayCount,
    schedule: loan.schedule.map((i) => ({
      period: i.period, dueDate: i.dueDate, principal: i.principal, interest: i.interest,
      paidPrincipal: i.paidPrincipal, paidInterest: i.paidInterest, status: instalmentStatus(i, today),
    })),
    repayments: loan.repayments.map((r) => ({ at: r.at, amount: r.amount, principal: r.principal, interest: r.interest, penalty: r.penalty })),
    // Beyond §7.2, for the borrower's page and staff.
    contractNo: loan.contractNo,
    borrower: loan.borrower,
    branch: loan.branch,
    accountManager: loan.accountManager,
    principal: loan.terms.principal,
    rateBps: loan.terms.rateBps,
    penaltyRateBps: loan.terms.penaltyRateBps,
    penaltyOutstanding: loan.penalty.accrued - loan.penalty.paid,
    maturityDate: loan.terms.maturityDate,
    method: loan.terms.method,
    band: loan.band,
    repaymentAccount: loan.repaymentAccount,
    classHistory: loan.classHistory,
    scheduledPrepayment: loan.scheduledPrepayment ?? null,
  };
}

export async function listOwnLoans(deps: Deps, p: Principal) {
  const apps = await deps.applications.listByOwner(p.sub);
  const loans = await Promise.all(apps.filter((a) => a.status === 'active').map((a) => deps.loans.get(a.id)));
  const today = beijingDate(deps.clock.now());
  return loans.filter((l): l is LoanRecord => !!l && l.ownerId === p.sub).map((l) => presentLoan(l, today));
}

const MAX_QUOTES = 10;

export async function quote(deps: Deps, p: Principal, id: string, req: QuoteRequest) {
  const loan = await ownLoan(deps, p, id);
  const now = deps.clock.now();
  const q = quotePrepayment(loan, req, { today: beijingDate(now), settled: loan.status === 'settled', quoteId: deps.newId(), now: now.toISOString() });
  const next = await transitionLoan(deps, loan, p, {
    patch: { quotes: [...loan.quotes, q].slice(-MAX_QUOTES), history: [...loan.history, { at: now.toISOString(), type: 'prepayment-quoted', detail: { quoteId: q.quoteId, date: q.date, total: q.total } }] },
  });
  if (!next) throw new DomainError('changed-meanwhile', 'The loan changed at the same moment; ask for the quote again.', 409);
  return q;
}

async function ownLoan(deps: Deps, p: Principal, id: string) {
  const loan = await loadLoan(deps, p, id);
  if (loan.ownerId !== p.sub) throw new DomainError('forbidden', 'Only the borrower can repay early.', 403);
  return loan;
}

/** Executes a quote: today's is taken now; a later day's is scheduled and taken by servicing on that day. */
export async function prepay(deps: Deps, p: Principal, id: string, quoteId: string) {
  const loan = await ownLoan(deps, p, id);
  if (loan.status === 'settled') throw new DomainError('loan-settled', 'This loan is repaid in full; there is nothing to prepay.', 409, { quoteId: 'The loan is settled.' });
  const q = loan.quotes.find((x) => x.quoteId === quoteId);
  const now = deps.clock.now();
  const today = beijingDate(now);
  if (!q) throw new DomainError('quote-not-found', 'No such quote for this loan; ask for a new quote.', 422, { quoteId: 'Unknown quote.' });
  if (Date.parse(q.validUntil) < now.getTime()) throw new DomainError('quote-expired', 'This quote has expired; ask for a new one.', 422, { quoteId: 'Expired.' });
  if (q.date > today) {
    const next = await transitionLoan(deps, loan, p, {
      patch: { scheduledPrepayment: { quoteId, date: q.date }, history: [...loan.history, { at: now.toISOString(), type: 'prepayment-scheduled', detail: { quoteId, date: q.date } }] },
    });
    if (!next) throw new DomainError('changed-meanwhile', 'The loan changed at the same moment; try again.', 409);
    return { status: 'scheduled' as const, date: q.date, loan: next };
  }
  const history: LoanRecord['history'] = [];
  const after = await takePrepayment(deps, loan, q, history, now.toISOString());
  if (after === loan) {
    throw new DomainError('insufficient-funds', 'The repayment account does not hold the quoted total; fund it and try again.', 422, { quoteId: 'Not enough money in the repayment account.' });
  }
  const settled = after.schedule.every((i) => i.principal - i.paidPrincipal + i.interest - i.paidInterest <= 0);
  const { id: _i, version: _v, status: _s, updatedAt: _u, ...rest } = after;
  // The borrower asked; servicing books the money (shared/lifecycle.ts: a settlement is servicing's move).
  const next = await transitionLoan(deps, loan, 'servicing', {
    status: settled ? 'settled' : loan.status,
    patch: { ...rest, history: [...loan.history, ...history, ...(settled ? [{ at: now.toISOString(), type: 'loan-settled' }] : [])], ...(settled ? { settledAt: now.toISOString() } : {}) },
  });
  if (!next) throw new DomainError('changed-meanwhile', 'The loan changed at the same moment; try again (nothing is taken twice).', 409);
  return { status: settled ? 'settled' as const : 'prepaid' as const, date: q.date, loan: next };
}

/** How long a statement request waits for the workflow it started before answering 503. */
const STATEMENT_WAIT_MS = 5_000;
export const STATEMENT_RETRY_AFTER_SECONDS = 2;
export const statementKey = (loan: Pick<LoanRecord, 'id' | 'version'>) => `statements/${loan.id}/v${loan.version}.pdf`;

export async function getStatement(deps: Deps, p: Principal, id: string): Promise<Uint8Array> {
  const loan = await loadLoan(deps, p, id);
  const key = statementKey(loan);
  const read = async () => (await deps.contracts.read(key, 20 * 1024 * 1024))?.bytes;
  const ready = await read();
  if (ready) return ready;
  await deps.workflow.start('statement', loan.id, `${loan.id}-statement-v${loan.version}`);
  for (const until = Date.now() + STATEMENT_WAIT_MS; Date.now() < until;) {
    await new Promise((r) => setTimeout(r, 150));
    const bytes = await read();
    if (bytes) return bytes;
  }
  throw new DomainError('statement-being-prepared', `The statement is being prepared; try again in ${STATEMENT_RETRY_AFTER_SECONDS} seconds.`, 503);
}
