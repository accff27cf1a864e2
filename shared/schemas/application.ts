/**
 * One schema per concept: the API validator, the web form and the tests all use these.
 * Money is integer fen; dates are ISO 8601 calendar dates.
 */
import * as z from 'zod';
import { CONSENT_IDS } from '../consents.js';
import { validateCreditCode } from '../credit-code.js';

import {
  APPLICATION_STATUSES, CORE_DOCUMENT_KINDS, DOCUMENT_KINDS, KNOWN_LABELS, OUTCOMES, PRODUCTS, REPAYMENT_METHODS, TIERS,
} from '../catalog.js';

export {
  APPLICATION_STATUSES, CORE_DOCUMENT_KINDS, DOCUMENT_KINDS, KNOWN_LABELS, OUTCOMES, PRODUCTS, REPAYMENT_METHODS, TIERS,
};
export type { ApplicationStatus, DocumentKind, Outcome, Product, RepaymentMethod, Tier } from '../catalog.js';

/** Integer fen, never negative: ¥1 = 100 fen. Capped at ¥100 billion to keep arithmetic exact. */
export const fen = z
  .number({ error: 'Enter an amount in fen (a whole number).' })
  .int('Amounts are whole fen (分): no fractions.')
  .min(0, 'Amounts cannot be negative.')
  .max(10_000_000_000_000, 'That amount is beyond anything this portal handles.');
/** Net profit may be a loss. */
const signedFen = z
  .number({ error: 'Enter an amount in fen (a whole number).' })
  .int('Amounts are whole fen (分): no fractions.')
  .min(-10_000_000_000_000, 'That amount is beyond anything this portal handles.')
  .max(10_000_000_000_000, 'That amount is beyond anything this portal handles.');

export const isoDate = z
  .string({ error: 'Enter a date as YYYY-MM-DD.' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as YYYY-MM-DD.')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'That is not a real calendar date.');

export const creditCodeSchema = z
  .string({ error: 'Enter the 18-character unified social credit code.' })
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((code, ctx) => {
    const result = validateCreditCode(code);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

const text = (max: number, what: string) =>
  z.string({ error: `Enter the ${what}.` }).trim().min(1, `Enter the ${what}.`).max(max, `Keep the ${what} within ${max} characters.`);

export const financialsSchema = z.object({
  revenue: fen,
  totalAssets: fen,
  totalLiabilities: fen,
  netProfit: signedFen,
  rdExpense: fen,
}).strict();

/**
 * Checks between fields of the enterprise (path under `enterprise` → message). zod runs an object's refinements only
 * once every field parses, so the form also calls this on what it has, to show these with the fields' own messages
 * in one round; each check runs when its own figures are numbers.
 */
export function enterpriseCrossChecks(e: { employees?: unknown; techStaff?: unknown; financials?: { totalAssets?: unknown; totalLiabilities?: unknown } }): Record<string, string> {
  const found: Record<string, string> = {};
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (num(e.techStaff) && num(e.employees) && e.techStaff > e.employees) found.techStaff = 'Technical staff cannot exceed total employees.';
  const f = e.financials;
  if (f && num(f.totalLiabilities) && num(f.totalAssets) && f.totalLiabilities > f.totalAssets * 10) {
    found['financials.totalLiabilities'] = 'Liabilities above ten times assets look like a typing error: check the units (fen).';
  }
  return found;
}

export const enterpriseSchema = z.object({
  name: text(100, 'enterprise name'),
  creditCode: creditCodeSchema,
  industry: text(60, 'industry'),
  establishedOn: isoDate,
  employees: z.number({ error: 'Enter the number of employees.' }).int('Employees is a whole number.').min(1, 'An enterprise has at least one employee.').max(1_000_000, 'That is more employees than any SME has.'),
  techStaff: z.number({ error: 'Enter the number of technical staff.' }).int('Technical staff is a whole number.').min(0, 'Technical staff cannot be negative.').max(1_000_000, 'That is more staff than any SME has.'),
  labels: z.array(z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Labels are short kebab-case names such as tech-sme.'), { error: 'Labels is a list, e.g. ["tech-sme"].' }).max(20, 'At most 20 labels.').default([]),
  registeredDivision: z.string().regex(/^\d{6}$/, 'A division code is 6 digits (GB/T 2260), e.g. 410100.').optional(),
  address: z.string().trim().max(200, 'Keep the address within 200 characters.').optional(),
  financials: financialsSchema,
}).strict()
  .superRefine((e, ctx) => {
    for (const [path, message] of Object.entries(enterpriseCrossChecks(e))) ctx.addIssue({ code: 'custom', path: path.split('.'), message });
  });

export const loanRequestSchema = z.object({
  product: z.enum(PRODUCTS, { error: `Choose a product: ${PRODUCTS.join(', ')}.` }),
  amount: fen.refine((v) => v > 0, 'Enter the amount you want to borrow.'),
  termMonths: z.number({ error: 'Enter the term in months.' }).int('The term is a whole number of months.').min(1, 'The term is at least one month.').max(360, 'The term is at most 360 months.'),
  repaymentMethod: z.enum(REPAYMENT_METHODS, { error: `Choose a repayment method: ${REPAYMENT_METHODS.join(', ')}.` }),
  purpose: text(500, 'purpose of the loan'),
}).strict();

/** PIPL: each consent is separate and records which wording the applicant agreed to and when. */
export const consentSchema = z.object({
  id: z.enum(CONSENT_IDS, { error: `A consent id is one of: ${CONSENT_IDS.join(', ')}.` }),
  version: z.string().min(1).max(20),
  acceptedAt: z.iso.datetime().optional(),
}).strict();

export const createApplicationSchema = z.object({
  enterprise: enterpriseSchema,
  loan: loanRequestSchema,
  consents: z.array(consentSchema).max(10).optional(),
}).strict();

/**
 * PATCH /api/applications/{id}: the whole form again (a draft is saved step by step; a returned application is
 * corrected), with the version it was read at and, on a returned application, the applicant's answer to the bank.
 */
export const updateApplicationSchema = createApplicationSchema.extend({
  version: z.number({ error: 'Send the version you read (a whole number).' }).int('Send the version you read (a whole number).').min(1).optional(),
  reply: z.string({ error: 'The reply is text.' }).trim().max(2000, 'Keep the reply within 2000 characters.').optional(),
}).strict();
export type UpdateApplicationInput = z.infer<typeof updateApplicationSchema>;

export const withdrawSchema = z.object({
  reason: z.string().trim().max(500, 'Keep the reason within 500 characters.').optional(),
}).strict();

export type Financials = z.infer<typeof financialsSchema>;
export type EnterpriseInput = z.infer<typeof enterpriseSchema>;
export type LoanRequest = z.infer<typeof loanRequestSchema>;
export type CreateApplicationInput = z.infer<typeof createApplicationSchema>;

/** Upload slots: bounded in size and type before any byte is sent. */
export const ACCEPTED_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

export const documentRequestSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS, { error: `Document kind is one of: ${DOCUMENT_KINDS.join(', ')}.` }),
  fileName: z.string({ error: 'Give the file name.' }).min(1, 'Give the file name.').max(200, 'Keep the file name within 200 characters.'),
  contentType: z.enum(ACCEPTED_CONTENT_TYPES, { error: 'Upload a PDF, JPEG or PNG file.' }),
  size: z.number({ error: 'Give the file size in bytes.' }).int('Size is whole bytes.').min(1, 'The file is empty.').max(MAX_DOCUMENT_BYTES, `Files are at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MiB.`),
}).strict();
export type DocumentRequest = z.infer<typeof documentRequestSchema>;

export const signInSchema = z.object({
  username: z.string({ error: 'Enter your username.' }).min(1, 'Enter your username.').max(128),
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(256),
}).strict();

export const opinionSchema = z.object({
  opinion: z.enum(['approve', 'reject', 'return'], { error: 'Opinion is approve, reject or return.' }),
  comment: z.string().trim().max(2000, 'Keep the comment within 2000 characters.').default(''),
}).strict();

export const reconsiderSchema = z.object({
  comment: z.string().trim().max(2000, 'Keep the comment within 2000 characters.').default(''),
}).strict();

export const investigationSchema = z.object({
  // Partial: the account manager fills sections over several sittings.
  sections: z.partialRecord(
    z.enum(['industry-prospects', 'technical-strength', 'founders-and-team', 'rd-investment', 'intellectual-property',
      'commercialised-results', 'subsidies', 'repayment-source', 'risks-and-mitigation', 'conclusion'], { error: 'Unknown report section.' }),
    z.string().max(5000, 'Keep each section within 5000 characters.'),
  ),
}).strict();

export const assignSchema = z.object({
  username: z.string({ error: 'Name the staff member to assign.' }).trim().min(3, 'Name the staff member to assign.').max(128),
}).strict();

export const recuseSchema = z.object({
  reason: z.string({ error: 'State the conflict of interest.' }).trim().min(2, 'State the conflict of interest.').max(500),
}).strict();

export const voteSchema = z.object({
  vote: z.enum(['for', 'against'], { error: 'Vote is for or against.' }),
  comment: z.string().trim().max(2000, 'Keep the comment within 2000 characters.').default(''),
}).strict();

export const signContractSchema = z.object({
  signature: z.discriminatedUnion('type', [
    z.object({ type: z.literal('typed'), text: z.string().trim().min(1, 'Type your name to sign.').max(60) }).strict(),
    z.object({ type: z.literal('drawn'), png: z.string().min(1, 'Draw your signature.').max(400_000, 'The signature image is too large.') }).strict(),
  ], { error: 'Signature is { type: "typed", text } or { type: "drawn", png }.' }),
  otp: z.string({ error: 'Enter the one-time code.' }).regex(/^\d{6}$/, 'The one-time code is 6 digits.'),
}).strict();
