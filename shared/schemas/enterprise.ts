/** Enterprise verification (DESIGN.md §7.1): the request bodies, shared by the API and the web form. */
import * as z from 'zod';
import { validateIdNumber } from '../id-number.js';
import { creditCodeSchema } from './application.js';

export const idNumberSchema = z
  .string({ error: "Enter the legal representative's resident ID number." })
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((id, ctx) => {
    const result = validateIdNumber(id);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.message });
  });

export const claimEnterpriseSchema = z.object({
  creditCode: creditCodeSchema,
  legalRepresentative: z.object({
    name: z.string({ error: "Enter the legal representative's name." }).trim().min(1, "Enter the legal representative's name.").max(60, 'Keep the name within 60 characters.'),
    idNumber: idNumberSchema,
  }, { error: 'Give the legal representative as { name, idNumber }.' }).strict(),
}).strict();

export const DEPOSIT_MEMO_LENGTH = 6;

export const confirmDepositSchema = z.object({
  amount: z.number({ error: 'Enter the amount received, in fen (1–99).' }).int('The amount is whole fen.').min(1, 'The deposit is 1–99 fen.').max(99, 'The deposit is 1–99 fen.'),
  memo: z.string({ error: 'Enter the memo shown on the statement.' }).trim().transform((s) => s.toUpperCase())
    .refine((s) => s.length === DEPOSIT_MEMO_LENGTH, 'The memo is 6 characters.'),
}).strict();

export const USERNAME_PATTERN = /^(\+861\d{10}|[^\s@]{1,64}@[^\s@]{1,190}\.[^\s@]{2,63})$/;

export const memberSchema = z.object({
  username: z.string({ error: 'Enter the username (mobile number or email) to invite.' }).trim().toLowerCase()
    .regex(USERNAME_PATTERN, 'A username is a mainland mobile number (+861XXXXXXXXXX) or an email.'),
}).strict();

export type ClaimEnterpriseInput = z.infer<typeof claimEnterpriseSchema>;
export type ConfirmDepositInput = z.infer<typeof confirmDepositSchema>;
