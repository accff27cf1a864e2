/** Request schemas of the loan routes (DESIGN.md §7.2), shared by the API, the web forms and the tests. */
import * as z from 'zod';
import { LOAN_CLASS_CODES } from '../servicing/classification.js';
import { EXTERNAL_SIGNAL_KINDS, TASK_OUTCOMES } from '../servicing/follow-up.js';
import { isoDate } from './application.js';

const fen = z.number({ error: 'Enter an amount in fen (a whole number).' }).int('Amounts are whole fen (分): no fractions.');

export const prepaymentQuoteSchema = z.object({
  date: isoDate,
  amount: fen.min(1, 'Give a positive amount in fen.').optional(),
  mode: z.enum(['shorter-term', 'lower-instalment'], { error: 'mode is shorter-term or lower-instalment.' }).optional(),
}).strict();

export const prepaySchema = z.object({ quoteId: z.string().min(1, 'Give the quoteId of a quote.').max(64) }).strict();

export const completeTaskSchema = z.object({
  outcome: z.enum(TASK_OUTCOMES, { error: `outcome is one of ${TASK_OUTCOMES.join(', ')}.` }),
  note: z.string().max(2000, 'Keep the comment within 2000 characters.'),
}).strict();

export const staffLoansQuery = z.object({
  class: z.enum(LOAN_CLASS_CODES, { error: `class is one of ${LOAN_CLASS_CODES.join(', ')}.` }).optional(),
  band: z.enum(['green', 'blue', 'yellow', 'orange', 'red'], { error: 'band is green, blue, yellow, orange or red.' }).optional(),
  dpdMin: z.coerce.number({ error: 'dpdMin is a number.' }).int('dpdMin is a whole number of days.').min(0, 'dpdMin is at least 0.').max(100_000).optional(),
}).strict();

export const restructureSchema = z.object({
  reason: z.string({ error: 'Give the reason for the restructuring.' }).trim().min(5, 'Say in a few words why and how the terms changed.').max(2000, 'Keep the reason within 2000 characters.'),
}).strict();

export const advanceClockSchema = z.object({
  advanceDays: z.number({ error: 'advanceDays is a number of days.' }).int('advanceDays is a whole number.').min(1, 'advanceDays is at least 1.').max(800, 'advanceDays is at most 800.'),
}).strict();

export const setBalanceSchema = z.object({
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'Enter the 18-character unified social credit code.'),
  balance: fen.min(0, 'Amounts cannot be negative.'),
}).strict();

export const injectSignalSchema = z.object({
  creditCode: z.string().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, 'Enter the 18-character unified social credit code.'),
  kind: z.enum(EXTERNAL_SIGNAL_KINDS, { error: `kind is one of ${EXTERNAL_SIGNAL_KINDS.join(', ')}.` }),
  detail: z.string().min(1).max(500),
}).strict();
