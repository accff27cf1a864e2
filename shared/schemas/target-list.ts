/** Request bodies of the target-list and lead routes (DESIGN.md §7.4), for the API validator and the web forms. */
import * as z from 'zod';
import { MAX_TARGET_LIST_BYTES } from '../target-list.js';

export const TargetListRequest = z.object({
  fileName: z.string().trim().min(1, 'Give the file name.').max(200, 'At most 200 characters.'),
  size: z.number({ error: 'size is the file size in bytes.' }).int('size is a whole number of bytes.').min(1, 'The file is empty.'),
  contentType: z.string().trim().min(1, 'Give the content type (text/csv or the XLSX type).').max(200),
  source: z.string().trim().min(1, 'Say where the list comes from, e.g. 河南省科学技术厅.').max(200, 'At most 200 characters.'),
  label: z.string().trim().max(100, 'At most 100 characters.').default(''),
}).strict();
export type TargetListRequest = z.output<typeof TargetListRequest>;

export const LeadContactRequest = z.object({
  note: z.string().trim().min(1, 'Write what was said.').max(2000, 'At most 2,000 characters.'),
  outcome: z.enum(['reached', 'no-answer', 'declined', 'interested'], { error: 'outcome is one of reached, no-answer, declined, interested.' }),
}).strict();

export { MAX_TARGET_LIST_BYTES };
