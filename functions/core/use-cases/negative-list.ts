/**
 * The managed negative list: head office adds, imports and removes entries, each with its source and a reason;
 * screening (the workflow's Screen step) reads the same store, so the next application of a listed code is refused.
 */
import { notFound } from '../../../shared/errors.js';
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
export const IMPORT_MAX_ROWS = 1_000;

/**
 * One part of an import: rows as the console parsed them from the CSV file (web/src/lib/csv.ts), each with its file
 * line. Good rows are written in batches, each batch with one history event; bad rows are reported by line and
 * written nowhere.
 */
export async function importNegative(deps: Deps, p: Principal, input: { fileName: string; rows: { line: number; values: Record<string, string> }[] }) {
  requireHeadOffice(p);
  const at = deps.clock.now().toISOString();
  const good: NegativeListEntry[] = [];
  const badRows: { line: number; reason: string }[] = [];
  for (const { line, values } of input.rows) {
    const parsed = negativeListEntrySchema.safeParse(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')));
    if (parsed.success) good.push(toEntry(parsed.data, p.username, at));
    else badRows.push({ line, reason: parsed.error.issues.map((x) => `${x.path.join('.') || 'row'}: ${x.message}`).join('; ') });
  }
  for (let i = 0; i < good.length; i += IMPORT_BATCH) {
    const batch = good.slice(i, i + IMPORT_BATCH);
    await deps.negativeList.put(batch, {
      type: 'negative-list-imported', actor: p.username,
      detail: { fileName: input.fileName, count: batch.length, creditCodes: batch.map((e) => e.creditCode) },
    });
  }
  return { rows: input.rows.length, added: good.length, badRows };
}
