/**
 * DynamoDB adapter for applications, their event log, in-flight markers and branch queues (one table, see
 * functions/adapters/dynamodb/schema.ts). Every state change is a conditional write on the application's version, in one
 * transaction with its events.
 */
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ApplicationRecord } from '../../../shared/types.js';
import { chainEvents, type ChainedEvent } from '../../core/event-chain.js';
import type { ApplicationStore, NewEvent, WorkflowKind } from '../../core/ports.js';
import { appKey, decodeCursor, encodeCursor, eventSk, indexKeys } from '../store-keys.js';
import { documentClient, queryAll, type QueryInput } from './document-client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export class DynamoApplicationStore implements ApplicationStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, readonly table: string) {
    this.doc = documentClient(client);
  }

  private eventItems(app: ApplicationRecord, events: NewEvent[], prevCount: number, prevHash: string) {
    const { chained, count, hash } = chainEvents(events, app.updatedAt, prevCount, prevHash);
    const items: TransactItem[] = chained.map((event) => ({
      Put: { TableName: this.table, Item: { pk: `APP#${app.id}`, sk: eventSk(event.seq), ...event }, ConditionExpression: 'attribute_not_exists(pk)' },
    }));
    return { items, count, hash };
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
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  }

  private queryAll(input: QueryInput) {
    return queryAll(this.doc, this.table, input);
  }
}
