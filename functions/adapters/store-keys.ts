/**
 * The main table's key layout (functions/adapters/dynamodb/schema.ts), shared by the DynamoDB adapters and their in-memory
 * twins: the memory store orders and pages by the same keys, so both answer queues in the same order and
 * accept the same cursors.
 */
import { invalid } from '../../shared/errors.js';
import type { ApplicationRecord } from '../../shared/types.js';

export const appKey = (id: string) => ({ pk: `APP#${id}`, sk: 'APP' });
export const eventSk = (seq: number) => `EVT#${String(seq).padStart(8, '0')}`;

export function indexKeys(app: ApplicationRecord) {
  return {
    gsi1pk: `OWNER#${app.ownerId}`,
    gsi1sk: `${app.createdAt}#${app.id}`,
    ...(app.branch ? { gsi2pk: `BRANCH#${app.branch.code}`, gsi2sk: `${app.status}#${app.updatedAt}#${app.id}` } : {}),
  };
}

/** A queue cursor is the page's last key on the branch index, as DynamoDB's LastEvaluatedKey gives it. */
export type QueueKey = { pk: string; sk: string; gsi2pk: string; gsi2sk: string };

export const encodeCursor = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** A cursor is only ever a start key on the same branch's index; anything else is the caller's mistake. */
export function decodeCursor(cursor: string, gsi2pk: string): QueueKey {
  let key: unknown;
  try { key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { key = null; }
  const k = key as Record<string, unknown> | null;
  const ok = k && typeof k === 'object' && k.gsi2pk === gsi2pk
    && ['pk', 'sk', 'gsi2sk'].every((f) => typeof k[f] === 'string') && Object.keys(k).length === 4;
  if (!ok) throw invalid('That cursor does not belong to this queue; start again without one.', { cursor: 'Not a cursor from this queue.' }, 'invalid-cursor');
  return k as QueueKey;
}

/**
 * Enterprise verification (functions/adapters/dynamodb/enterprise-store.ts): everything about one enterprise under
 * one partition, so the claim of its one owner and the closing of the challenge are one transaction; each row an
 * account may list also carries the account's gsi1 key.
 */
export const kybKeys = {
  owner: (creditCode: string) => ({ pk: `KYB#${creditCode}`, sk: 'OWNER' }),
  member: (creditCode: string, username: string) => ({ pk: `KYB#${creditCode}`, sk: `MEMBER#${username}` }),
  challenge: (creditCode: string, username: string) => ({ pk: `KYB#${creditCode}`, sk: `DEPOSIT#${username}` }),
  mismatches: (creditCode: string, username: string) => ({ pk: `KYB#${creditCode}`, sk: `REPMISS#${username}` }),
  /** gsi1: an account's bindings (ENT#) and pending deposits (DEPOSIT#). */
  account: (username: string, kind: 'ENT' | 'DEPOSIT', creditCode: string) => ({ gsi1pk: `ACCOUNT#${username}`, gsi1sk: `${kind}#${creditCode}` }),
};

/** An enterprise's basic account at the core-banking simulator: a head with the balance, postings, and one marker per reference. */
export const basicAccountKeys = {
  head: (creditCode: string) => ({ pk: `BASIC#${creditCode}`, sk: 'HEAD' }),
  posting: (creditCode: string, seq: number) => ({ pk: `BASIC#${creditCode}`, sk: `POST#${String(seq).padStart(8, '0')}` }),
  reference: (creditCode: string, reference: string) => ({ pk: `BASIC#${creditCode}`, sk: `REF#${reference}` }),
};
/** Bank configuration versions (one item each, the value as JSON) and the proposals that change them. */
export const configVersionKey = (version: number) => ({ pk: 'CONFIG', sk: `V#${String(version).padStart(6, '0')}` });
export const configProposalKey = (id: string) => ({ pk: 'CONFIGPROPOSAL', sk: id });
/** The admin history: one hash-chained log of head office's rule changes, with its head (count and last hash). */
export const ADMIN_HISTORY_PK = 'ADMINHISTORY';
export const adminHistoryHeadKey = { pk: ADMIN_HISTORY_PK, sk: 'HEAD' };
/** The negative list: one item per credit code and list, so a code's entries are one query. */
export const NEGATIVE_LIST_PK = 'NEGLIST';
export const negativeListKey = (creditCode: string, list: string) => ({ pk: NEGATIVE_LIST_PK, sk: `${creditCode}#${list}` });
/** Set once the local demo entries were loaded, so a removed demo entry stays removed after a restart. */
export const negativeListSeededKey = { pk: NEGATIVE_LIST_PK, sk: '~SEEDED' };
export const normaliseCreditCode = (code: string) => code.trim().toUpperCase();

/** Loans (functions/adapters/dynamodb/loan-store.ts): by id, by borrower (gsi1), by branch (gsi2) in id order. */
export const loanKey = (id: string) => ({ pk: `LOAN#${id}`, sk: 'LOAN' });
export const loanIndexKeys = (loan: { id: string; borrower: { creditCode: string }; branch: { code: string } }) => ({
  gsi1pk: `LOANBORROWER#${loan.borrower.creditCode}`, gsi1sk: loan.id,
  gsi2pk: `LOANBRANCH#${loan.branch.code}`, gsi2sk: loan.id,
});

/** Follow-up tasks: by id, by assignee (gsi1), by branch (gsi2), oldest first. */
export const taskKey = (id: string) => ({ pk: `TASK#${id}`, sk: 'TASK' });
export const taskIndexKeys = (t: { id: string; assignee: string; branch: string; createdAt: string }) => ({
  gsi1pk: `TASKS#${t.assignee}`, gsi1sk: `${t.createdAt}#${t.id}`,
  gsi2pk: `TASKBRANCH#${t.branch}`, gsi2sk: `${t.createdAt}#${t.id}`,
});

/** External signals about an enterprise, oldest first; the enterprise's basic account, its postings and debits. */
export const signalPk = (creditCode: string) => `SIGNAL#${creditCode}`;
export const accountPk = (creditCode: string) => `ACCOUNT#${creditCode}`;
export const debitKey = (key: string) => ({ pk: `DEBIT#${key}`, sk: 'DEBIT' });

/** A loan-branch cursor is a page's last key on the branch index; anything else is refused. */
export function decodeLoanCursor(cursor: string, gsi2pk: string): Record<string, string> {
  let key: unknown;
  try { key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { key = null; }
  const k = key as Record<string, unknown> | null;
  if (!k || typeof k !== 'object' || k.gsi2pk !== gsi2pk || typeof k.gsi2sk !== 'string') {
    throw invalid('That cursor does not belong to this list; start again without one.', { cursor: 'Not a cursor from this list.' }, 'invalid-cursor');
  }
  return k as Record<string, string>;
}
/** Target-list imports sit in one partition (a handful a year), their chunk results under each import. */
export const targetListKey = (importId: string) => ({ pk: 'TLISTS', sk: `TLIST#${importId}` });
export const targetListChunkKey = (importId: string, chunk: number) => ({ pk: `TLIST#${importId}`, sk: `CHUNK#${String(chunk).padStart(6, '0')}` });
/** A file's SHA-256, claimed once: a re-import of the same bytes finds the first import. */
export const targetListFileKey = (sha256: string) => ({ pk: `TLISTFILE#${sha256}`, sk: 'FILE' });
/** One lead per credit code; by assignee on the owner index, all of them on the branch index under one key. */
export const leadKey = (creditCode: string) => ({ pk: `LEAD#${creditCode}`, sk: 'LEAD' });
export const leadIndexKeys = (lead: { creditCode: string; assignee: string | null; class: string }) => ({
  ...(lead.assignee ? { gsi1pk: `LEADS#${lead.assignee}`, gsi1sk: `${lead.class}#${lead.creditCode}` } : {}),
  gsi2pk: 'LEADS', gsi2sk: `${lead.class}#${lead.creditCode}`,
});
export const leadLoadKey = (username: string) => ({ pk: `LEADLOAD#${username}`, sk: 'LOAD' });
