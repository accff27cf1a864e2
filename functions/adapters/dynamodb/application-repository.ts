/**
 * DynamoDB adapter for applications, documents, events and the staff directory (one table, see infra/schema/tables.ts).
 * Every state change is a conditional write on the application's version, in one transaction with its events.
 */
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { invalid } from '../../../shared/errors.js';
import type { ApplicationEvent, ApplicationRecord, DocumentRecord } from '../../../shared/types.js';
import { documentClient } from './document-client.js';
import type { ApplicationRepository, NewEvent, StaffMember, WorkflowKind } from '../../core/ports.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const appKey = (id: string) => ({ pk: `APP#${id}`, sk: 'APP' });
const pad = (n: number) => String(n).padStart(8, '0');

/** Each event carries the hash of the one before, so a changed or deleted event breaks the chain. */
export function chainHash(prevHash: string, event: Omit<ApplicationEvent, 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}

/** Sorted keys at every level: DynamoDB does not keep map order, the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type ChainedEvent = ApplicationEvent & { hash: string; prevHash: string };

/** Walks an application's event log; reports the first event whose link or content does not match. */
export function verifyChain(events: ChainedEvent[]): { ok: true; count: number } | { ok: false; seq: number; problem: string } {
  let prev = '';
  for (let i = 0; i < events.length; i++) {
    const { hash, prevHash, ...event } = events[i];
    if (event.seq !== i + 1) return { ok: false, seq: i + 1, problem: `event ${i + 1} is missing (found ${event.seq} in its place)` };
    if (prevHash !== prev) return { ok: false, seq: event.seq, problem: 'does not link to the event before it' };
    if (chainHash(prev, event) !== hash) return { ok: false, seq: event.seq, problem: 'content differs from what was recorded' };
    prev = hash;
  }
  return { ok: true, count: events.length };
}

/** A cursor is only ever a start key on the same branch's index; anything else is the caller's mistake. */
function decodeCursor(cursor: string, gsi2pk: string): Record<string, string> {
  let key: unknown;
  try { key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { key = null; }
  const k = key as Record<string, unknown> | null;
  const ok = k && typeof k === 'object' && k.gsi2pk === gsi2pk
    && ['pk', 'sk', 'gsi2sk'].every((f) => typeof k[f] === 'string') && Object.keys(k).length === 4;
  if (!ok) throw invalid('That cursor does not belong to this queue; start again without one.', { cursor: 'Not a cursor from this queue.' }, 'invalid-cursor');
  return k as Record<string, string>;
}

function indexKeys(app: ApplicationRecord) {
  return {
    gsi1pk: `OWNER#${app.ownerId}`,
    gsi1sk: `${app.createdAt}#${app.id}`,
    ...(app.branch ? { gsi2pk: `BRANCH#${app.branch.code}`, gsi2sk: `${app.status}#${app.updatedAt}#${app.id}` } : {}),
  };
}

export class DynamoApplicationRepository implements ApplicationRepository {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  private eventItems(app: ApplicationRecord, events: NewEvent[], prevCount: number, prevHash: string) {
    let hash = prevHash;
    const items: TransactItem[] = events.map((e, i) => {
      const seq = prevCount + i + 1;
      const event = { seq, at: app.updatedAt, type: e.type, actor: e.actor, ...(e.detail ? { detail: e.detail } : {}) };
      const prev = hash;
      hash = chainHash(prev, event);
      return {
        Put: {
          TableName: this.table,
          Item: { pk: `APP#${app.id}`, sk: `EVT#${pad(seq)}`, ...event, prevHash: prev, hash },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      };
    });
    return { items, count: prevCount + events.length, hash };
  }

  async create(app: ApplicationRecord, idem?: { key: string; bodyHash: string }, event?: NewEvent) {
    const ev = this.eventItems(app, event ? [event] : [], 0, '');
    const stored = { ...app, eventCount: ev.count, eventHash: ev.hash };
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: { ...appKey(app.id), ...indexKeys(stored), version: stored.version, app: stored }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ...ev.items,
    ];
    if (idem) {
      items.unshift({
        Put: {
          TableName: this.table,
          Item: { pk: `IDEM#${app.ownerId}#${idem.key}`, sk: 'IDEM', applicationId: app.id, bodyHash: idem.bodyHash, createdAt: app.createdAt },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return { app: stored, replayed: false };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException) || !idem) throw err;
      if (err.CancellationReasons?.[0]?.Code !== 'ConditionalCheckFailed') throw err;
      const prior = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `IDEM#${app.ownerId}#${idem.key}`, sk: 'IDEM' }, ConsistentRead: true }));
      if (!prior.Item || prior.Item.bodyHash !== idem.bodyHash) return { conflict: true as const };
      const existing = await this.get(prior.Item.applicationId as string);
      if (!existing) throw err;
      return { app: existing, replayed: true };
    }
  }

  async get(id: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: appKey(id), ConsistentRead: true }));
    return (out.Item?.app as ApplicationRecord | undefined) ?? null;
  }

  async listByOwner(ownerId: string) {
    const items = await this.queryAll({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': `OWNER#${ownerId}` },
      ScanIndexForward: false,
    });
    return items.map((i) => i.app as ApplicationRecord);
  }

  async update(next: ApplicationRecord, events: NewEvent[], opts: { inflight?: WorkflowKind | 'clear' } = {}) {
    const ev = this.eventItems(next, events, next.eventCount ?? 0, next.eventHash ?? '');
    const stored = { ...next, eventCount: ev.count, eventHash: ev.hash };
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.table,
          Item: { ...appKey(next.id), ...indexKeys(stored), version: next.version, app: stored },
          ConditionExpression: 'version = :prev',
          ExpressionAttributeValues: { ':prev': next.version - 1 },
        },
      },
      ...ev.items,
    ];
    if (opts.inflight === 'decision' || opts.inflight === 'contract') {
      items.push({ Put: { TableName: this.table, Item: { pk: 'INFLIGHT', sk: next.id, since: next.updatedAt, workflow: opts.inflight } } });
    } else if (opts.inflight === 'clear') {
      items.push({ Delete: { TableName: this.table, Key: { pk: 'INFLIGHT', sk: next.id } } });
    }
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
      Object.assign(next, { eventCount: ev.count, eventHash: ev.hash });
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed')) return false;
      throw err;
    }
  }

  async events(id: string) {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':p': `APP#${id}`, ':e': 'EVT#' },
    });
    return items.map(({ seq, at, type, actor, detail, hash, prevHash }) => ({ seq, at, type, actor, ...(detail !== undefined ? { detail } : {}), hash, prevHash }) as ChainedEvent);
  }

  async putDocument(appId: string, doc: DocumentRecord) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `APP#${appId}`, sk: `DOC#${doc.documentId}`, doc } }));
  }

  async getDocument(appId: string, documentId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `APP#${appId}`, sk: `DOC#${documentId}` }, ConsistentRead: true }));
    return (out.Item?.doc as DocumentRecord | undefined) ?? null;
  }

  async listDocuments(appId: string) {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':p': `APP#${appId}`, ':d': 'DOC#' },
      ConsistentRead: true,
    });
    return items.map((i) => i.doc as DocumentRecord);
  }

  async listInflight() {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'INFLIGHT' }, ConsistentRead: true });
    return items.map((i) => ({ id: i.sk as string, since: i.since as string, workflow: (i.workflow ?? 'decision') as WorkflowKind })).sort((a, b) => a.since.localeCompare(b.since));
  }

  async queue(branch: string, status?: string) {
    const items = await this.queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: status ? 'gsi2pk = :b AND begins_with(gsi2sk, :s)' : 'gsi2pk = :b',
      ExpressionAttributeValues: { ':b': `BRANCH#${branch}`, ...(status ? { ':s': `${status}#` } : {}) },
    });
    return items.map((i) => i.app as ApplicationRecord);
  }

  async queuePage(branch: string, status: string, page: { limit: number; cursor?: string }) {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :b AND begins_with(gsi2sk, :s)',
      ExpressionAttributeValues: { ':b': `BRANCH#${branch}`, ':s': `${status}#` },
      Limit: page.limit,
      ExclusiveStartKey: page.cursor ? decodeCursor(page.cursor, `BRANCH#${branch}`) : undefined,
    }));
    return {
      items: (out.Items ?? []).map((i) => i.app as ApplicationRecord),
      cursor: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') : undefined,
    };
  }

  async branchLoads() {
    const items = await this.queryAll({ KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BRANCHLOAD' } });
    return Object.fromEntries(items.map((i) => [i.sk as string, Number(i.open ?? 0)]));
  }

  /** Counts open applications per branch and per account manager; used to break routing ties and balance work. */
  async adjustLoad(branch: string, delta: number, assignee?: string) {
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: 'BRANCHLOAD', sk: branch },
      UpdateExpression: 'ADD #o :d', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':d': delta },
    }));
    if (assignee) {
      await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: { pk: `STAFF#${assignee}`, sk: 'STAFF' },
        UpdateExpression: 'ADD openCount :d', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':d': delta },
      })).catch((err) => { if (!(err instanceof ConditionalCheckFailedException)) throw err; });
    }
  }

  async putStaff(member: StaffMember) {
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: {
        pk: `STAFF#${member.username}`, sk: 'STAFF', ...member,
        ...(member.branch ? { gsi1pk: `BRANCHSTAFF#${member.branch}`, gsi1sk: member.username } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    })).catch((err) => { if (!(err instanceof ConditionalCheckFailedException)) throw err; });
  }

  async getStaff(username: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `STAFF#${username}`, sk: 'STAFF' } }));
    if (!out.Item) return null;
    const { username: u, branch, roles, openCount } = out.Item;
    return { username: u, branch: branch ?? null, roles, openCount: Number(openCount ?? 0) } as StaffMember & { openCount: number };
  }

  async listStaff(branch: string) {
    const items = await this.queryAll({
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :b', ExpressionAttributeValues: { ':b': `BRANCHSTAFF#${branch}` },
    });
    return items.map(({ username, branch: b, roles, openCount }) => ({ username, branch: b ?? null, roles, openCount: Number(openCount ?? 0) }) as StaffMember & { openCount: number });
  }

  /** Enterprise → its existing account manager, so a returning customer keeps theirs. */
  async enterpriseManager(creditCode: string): Promise<string | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `ENT#${creditCode}`, sk: 'ENT' } }));
    return (out.Item?.accountManager as string | undefined) ?? null;
  }

  async setEnterpriseManager(creditCode: string, username: string) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `ENT#${creditCode}`, sk: 'ENT', accountManager: username } }));
  }

  async putOutbox(to: string, at: string, id: string, message: Record<string, string>) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `OUTBOX#${to}`, sk: `${at}#${id}`, at, ...message } }));
  }

  async listOutbox(to: string) {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `OUTBOX#${to}` }, ScanIndexForward: false, Limit: 100,
    }));
    return (out.Items ?? []).map(({ at, subject, body, kind }) => ({ at, subject, body, kind }));
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>) {
    const items: Record<string, any>[] = [];
    let ExclusiveStartKey: Record<string, any> | undefined;
    do {
      const out = await this.doc.send(new QueryCommand({ TableName: this.table, ...input, ExclusiveStartKey }));
      items.push(...(out.Items ?? []));
      ExclusiveStartKey = out.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}
