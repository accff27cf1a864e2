/** The loan's life (DESIGN.md §7.2): the borrower's loans, quotes, prepayments and statement; staff lists, portfolio and tasks. */
import type { Context } from 'hono';
import { Hono } from 'hono';
import { beijingDate } from '../../../shared/day-count.js';
import { DomainError } from '../../../shared/errors.js';
import { completeTaskSchema, prepaySchema, prepaymentQuoteSchema, restructureSchema, staffLoansQuery } from '../../../shared/schemas/loans.js';
import {
  STATEMENT_RETRY_AFTER_SECONDS, getStatement, listOwnLoans, loadLoan, prepay, presentLoan, quote,
} from '../../core/use-cases/loans.js';
import { completeTask, listStaffLoans, markRestructured, myTasks, portfolio } from '../../core/use-cases/staff-loans.js';
import { parseJson, parseWith, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const retryLater = (c: Context) => (err: unknown): never => {
  if (err instanceof DomainError && err.code === 'statement-being-prepared') c.header('Retry-After', String(STATEMENT_RETRY_AFTER_SECONDS));
  throw err;
};

export const loanRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: "The caller's loans", ok: [200, 'Array of loans (the shape of GET /api/loans/{id})'], errors: [401] }), async (c) => {
    return c.json(await listOwnLoans(c.get('deps'), principal(c)));
  })
  .get('/:id', doc({ summary: 'One loan: outstanding, next due, days past due, class with reasons, schedule, repayments', ok: [200, 'The loan'], errors: [401, 404] }), async (c) => {
    const deps = c.get('deps');
    const loan = await loadLoan(deps, principal(c), c.req.param('id'));
    return c.json(presentLoan(loan, beijingDate(deps.clock.now())));
  })
  .post('/:id/prepayment-quote', doc({
    summary: 'Quote an early repayment for a day: in full (no amount) or in part, shorter term or lower instalment',
    body: prepaymentQuoteSchema, bodyName: 'PrepaymentQuote', ok: [200, '{ quoteId, principal, interest, fee, total, validUntil, newSchedule }'], errors: [401, 403, 404, 409, 415, 422],
  }), async (c) => {
    const input = await parseJson(c, prepaymentQuoteSchema);
    const q = await quote(c.get('deps'), principal(c), c.req.param('id'), input);
    return c.json({ quoteId: q.quoteId, principal: q.principal, interest: q.interest, fee: q.fee, total: q.total, validUntil: q.validUntil, newSchedule: q.newSchedule, date: q.date, mode: q.mode }, 200);
  })
  .post('/:id/prepay', doc({ summary: 'Repay early as quoted: taken now for today, scheduled for a later day', body: prepaySchema, bodyName: 'Prepay', ok: [202, '{ status, date }'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const input = await parseJson(c, prepaySchema);
    const r = await prepay(c.get('deps'), principal(c), c.req.param('id'), input.quoteId);
    return c.json({ status: r.status, date: r.date, loanStatus: r.loan.status }, 202);
  })
  .get('/:id/statement', doc({ summary: 'The loan statement, a Chinese PDF (503 with Retry-After while the workflow renders it)', ok: [200, 'The statement', 'application/pdf'], errors: [401, 404, 503] }), async (c) => {
    const bytes = await getStatement(c.get('deps'), principal(c), c.req.param('id')).catch(retryLater(c));
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="statement-${c.req.param('id')}.pdf"`);
    c.header('Cache-Control', 'no-store');
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200);
  });

export const staffLoanRoutes = new Hono<AppEnv>()
  .get('/loans', doc({ summary: "The branch's loans (head office: all), by class, band and minimum days past due", query: staffLoansQuery, ok: [200, 'Array of loan rows'], errors: [401, 403, 422] }), async (c) => {
    const filter = parseWith(staffLoansQuery, c.req.query());
    return c.json(await listStaffLoans(c.get('deps'), principal(c), filter));
  })
  .post('/loans/:id/restructure', doc({
    summary: "Account manager: record that the loan's terms were restructured; the 2023 rule's observation period (at least special mention for a year) starts",
    body: restructureSchema, bodyName: 'Restructure', ok: [200, '{ id, restructuredUntil, classification }'], errors: [401, 403, 404, 409, 415, 422],
  }), async (c) => {
    const input = await parseJson(c, restructureSchema);
    return c.json(await markRestructured(c.get('deps'), principal(c), c.req.param('id'), input), 200);
  })
  .get('/portfolio', doc({ summary: 'Outstanding by branch, band, class and DPD bucket; NPL ratio; open and overdue tasks', ok: [200, 'Figures'], errors: [401, 403] }), async (c) => {
    return c.json(await portfolio(c.get('deps'), principal(c)));
  })
  .get('/tasks', doc({ summary: "The caller's follow-up tasks", ok: [200, '[{ id, loanId, kind, dueBy, status, … }]'], errors: [401, 403] }), async (c) => {
    return c.json(await myTasks(c.get('deps'), principal(c)));
  })
  .post('/tasks/:id/complete', doc({ summary: 'Complete a task with its outcome', body: completeTaskSchema, bodyName: 'CompleteTask', ok: [200, 'The task'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const input = await parseJson(c, completeTaskSchema);
    return c.json(await completeTask(c.get('deps'), principal(c), c.req.param('id'), input), 200);
  });
