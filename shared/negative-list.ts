/** The negative lists head office screens against (DESIGN.md §2 stage 1), and one entry as a request gives it. */
import * as z from 'zod';
import { validateCreditCode } from './credit-code.js';

export const NEGATIVE_LISTS = [
  'abnormal-business-status', 'dishonest-debtor', 'tax-violation', 'litigation', 'administrative-penalty', 'default-elsewhere',
] as const;

export const negativeListEntrySchema = z.object({
  creditCode: z.string().trim().toUpperCase().superRefine((code, ctx) => {
    const r = validateCreditCode(code);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  }),
  kind: z.enum(NEGATIVE_LISTS, { error: `kind is one of ${NEGATIVE_LISTS.join(', ')}.` }),
  source: z.string().trim().min(2, 'Name the source: the registry, court or regulator the entry comes from.').max(200),
  reason: z.string().trim().min(2, 'Say why the entry is added.').max(500),
  detail: z.string().trim().max(500).optional(),
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'since is a date, YYYY-MM-DD.').optional(),
}).strict();

export type NegativeListEntryInput = z.output<typeof negativeListEntrySchema>;
