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
