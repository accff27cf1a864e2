/**
 * The managed negative list: head office adds, imports and removes entries, each with its source and a reason;
 * screening (the workflow's Screen step) reads the same store, so the next application of a listed code is refused.
 */
import { parse } from 'csv-parse/sync';
import { invalid, notFound } from '../../../shared/errors.js';
import { negativeListEntrySchema, type NegativeListEntryInput } from '../../../shared/negative-list.js';
import type { Deps, NegativeListEntry, Principal } from '../ports.js';
import { requireHeadOffice } from './bank-config.js';

const toEntry = (e: NegativeListEntryInput, by: string, at: string): NegativeListEntry => ({
  creditCode: e.creditCode, list: e.kind, source: e.source, reason: e.reason, detail: e.detail ?? e.reason,
  ...(e.since ? { since: e.since } : {}), addedBy: by, addedAt: at,
});

export const presentEntry = ({ list, ...e }: NegativeListEntry) => ({ ...e, kind: list });

export async function listNegative(deps: Deps, p: Principal, creditCode?: string) {
  requireHeadOffice(p);
  return (await deps.negativeList.list(creditCode ? { creditCode } : {})).map(presentEntry);
}

export async function addNegative(deps: Deps, p: Principal, input: NegativeListEntryInput) {
  requireHeadOffice(p);
  const entry = toEntry(input, p.username, deps.clock.now().toISOString());
  await deps.negativeList.put([entry], {
    type: 'negative-list-added', actor: p.username, detail: { creditCode: entry.creditCode, kind: entry.list, source: entry.source, reason: entry.reason },
  });
  return presentEntry(entry);
}

export async function removeNegative(deps: Deps, p: Principal, creditCode: string, reason: string) {
  requireHeadOffice(p);
  const code = creditCode.trim().toUpperCase();
  const removed = await deps.negativeList.remove(code, {
    type: 'negative-list-removed', actor: p.username, detail: { creditCode: code, reason },
  });
  if (!removed.length) throw notFound('negative-list entry for that credit code');
  return { creditCode: code, removed: removed.map(presentEntry), reason };
}

/** Rows per write: a transaction holds the entries with the history's event. */
export const IMPORT_BATCH = 90;
/** Rows one request may carry; the console sends a long file in parts of this many and shows the progress. */
export const IMPORT_MAX_ROWS = 2_000;

/**
 * One part of a CSV import: a header line (creditCode,kind,source,reason[,detail,since]) and rows. csv-parse does the
 * RFC 4180 work (quoted commas, doubled quotes, newlines inside quotes, a BOM) that a split on commas gets wrong for
 * Chinese court names and penalty texts. Good rows are written in batches, each batch with one history event; bad
 * rows are reported by line and written nowhere.
 */
export async function importNegative(deps: Deps, p: Principal, input: { fileName: string; csv: string; firstLine?: number }) {
  requireHeadOffice(p);
  let records: Record<string, string>[];
  try {
    records = parse(input.csv, { columns: (h: string[]) => h.map((c) => c.trim()), bom: true, skip_empty_lines: true, trim: true, relax_column_count: false });
  } catch (err) {
    throw invalid(`The file is not valid CSV: ${(err as Error).message}`, { csv: (err as Error).message }, 'invalid-csv');
  }
  if (records.length > IMPORT_MAX_ROWS) throw invalid(`Send at most ${IMPORT_MAX_ROWS} rows per request.`, { csv: `At most ${IMPORT_MAX_ROWS} rows.` });
  const first = input.firstLine ?? 2;
  const at = deps.clock.now().toISOString();
  const good: NegativeListEntry[] = [];
  const badRows: { line: number; reason: string }[] = [];
  records.forEach((row, i) => {
    const parsed = negativeListEntrySchema.safeParse(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '')));
    if (parsed.success) good.push(toEntry(parsed.data, p.username, at));
    else badRows.push({ line: first + i, reason: parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join('; ') });
  });
  for (let i = 0; i < good.length; i += IMPORT_BATCH) {
    const batch = good.slice(i, i + IMPORT_BATCH);
    await deps.negativeList.put(batch, {
      type: 'negative-list-imported', actor: p.username,
      detail: { fileName: input.fileName, firstLine: first, count: batch.length, creditCodes: batch.map((e) => e.creditCode) },
    });
  }
  return { rows: records.length, added: good.length, badRows };
}
