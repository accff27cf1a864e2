/**
 * DynamoDB adapters for the bank configuration (pk=CONFIG, one item per version), its proposals
 * (pk=CONFIGPROPOSAL) and the managed negative list (pk=NEGLIST, sk=<code>#<list>). Every change writes its event
 * to the admin history (pk=ADMINHISTORY, hash-chained, head at sk=HEAD) in the same transaction as the change.
 * Versions are read at most every few seconds per process: a decision never reads a constant, and never pays a
 * table read for the configuration on every step.
 */
import { TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { inForceAt, SEED_CONFIG, type BankConfig } from '../../../shared/bank-config.js';
import { chainEvents, type ChainedEvent } from '../../core/event-chain.js';
import type { BankConfigStore, Clock, ConfigProposal, NegativeListEntry, NegativeListStore, NewEvent } from '../../core/ports.js';
import {
  ADMIN_HISTORY_PK, adminHistoryHeadKey, configProposalKey, configVersionKey, eventSk, NEGATIVE_LIST_PK, negativeListKey,
  negativeListSeededKey, normaliseCreditCode,
} from '../store-keys.js';
import { documentClient, queryAll } from './document-client.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** How long a process trusts the versions it read; a write through this process clears it at once. */
const CACHE_MS = 5_000;

/**
 * Runs `items` with the admin-history event in one transaction. Returns the indexes of `items` whose condition
 * failed (empty: written); a race on the history's head alone is retried.
 */
async function writeWithHistory(doc: DynamoDBDocumentClient, table: string, clock: Clock, items: TransactItem[], event: NewEvent): Promise<number[]> {
  for (let attempt = 0; ; attempt++) {
    const head = (await doc.send(new GetCommand({ TableName: table, Key: adminHistoryHeadKey, ConsistentRead: true }))).Item;
    const count = Number(head?.eventCount ?? 0);
    const { chained, hash } = chainEvents([event], clock.now().toISOString(), count, String(head?.eventHash ?? ''));
    const tx: TransactItem[] = [
      ...items,
      ...chained.map((e) => ({ Put: { TableName: table, Item: { pk: ADMIN_HISTORY_PK, sk: eventSk(e.seq), ...e }, ConditionExpression: 'attribute_not_exists(pk)' } })),
      {
        Put: {
          TableName: table, Item: { ...adminHistoryHeadKey, eventCount: count + 1, eventHash: hash },
          ConditionExpression: head ? 'eventCount = :n' : 'attribute_not_exists(pk)', ...(head ? { ExpressionAttributeValues: { ':n': count } } : {}),
        },
      },
    ];
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: tx }));
      return [];
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const failed = (err.CancellationReasons ?? []).map((r, i) => (r.Code === 'ConditionalCheckFailed' && i < items.length ? i : -1)).filter((i) => i >= 0);
      if (failed.length) return failed;
      if (attempt >= 8) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40));
    }
  }
}

const stripKeys = <T>(item: Record<string, any>): T => {
  const { pk: _p, sk: _s, ...rest } = item;
  return rest as T;
};

export class DynamoBankConfigStore implements BankConfigStore {
  private readonly doc: DynamoDBDocumentClient;
  private cache?: { at: number; versions: Promise<BankConfig[]> };

  constructor(client: DynamoDBClient, private readonly table: string, private readonly clock: Clock, private readonly seed: BankConfig = SEED_CONFIG) {
    this.doc = documentClient(client);
  }

  versions(): Promise<BankConfig[]> {
    const now = Date.now();
    if (!this.cache || now - this.cache.at > CACHE_MS) {
      const versions = this.read().catch((err) => { this.cache = undefined; throw err; });
      this.cache = { at: now, versions };
    }
    return this.cache.versions.then((v) => structuredClone(v));
  }

  private async read(): Promise<BankConfig[]> {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)', ExpressionAttributeValues: { ':p': 'CONFIG', ':v': 'V#' }, ScanIndexForward: false,
    });
    if (items.length) return items.map((i) => JSON.parse(i.value as string) as BankConfig);
    // The first read of a new table writes the seed, so version 1 is a stored record like any other.
    await this.doc.send(new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: this.table, Item: { ...configVersionKey(1), value: JSON.stringify(this.seed) }, ConditionExpression: 'attribute_not_exists(pk)' } }],
    })).catch((err) => { if (!(err instanceof TransactionCanceledException)) throw err; });
    return [structuredClone(this.seed)];
  }

  async inForce(at: Date) {
    return inForceAt(await this.versions(), at) ?? structuredClone(this.seed);
  }

  async get(version: number) {
    const cached = (await this.versions()).find((v) => v.version === version);
    if (cached) return cached;
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: configVersionKey(version) }));
    return out.Item ? JSON.parse(out.Item.value as string) as BankConfig : null;
  }

  async propose(p: ConfigProposal, event: NewEvent) {
    await writeWithHistory(this.doc, this.table, this.clock, [
      { Put: { TableName: this.table, Item: { ...configProposalKey(p.id), value: JSON.stringify(p) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ], event);
  }

  async getProposal(id: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: configProposalKey(id), ConsistentRead: true }));
    return out.Item ? JSON.parse(out.Item.value as string) as ConfigProposal : null;
  }

  async listProposals() {
    const items = await queryAll(this.doc, this.table, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': configProposalKey('').pk } });
    return items.map((i) => JSON.parse(i.value as string) as ConfigProposal).sort((a, b) => (a.proposedAt < b.proposedAt ? 1 : -1));
  }

  private decide(p: ConfigProposal): TransactItem {
    return {
      Put: {
        TableName: this.table, Item: { ...configProposalKey(p.id), value: JSON.stringify(p), status: p.status },
        // Proposals are written without a status attribute while pending.
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#s)', ExpressionAttributeNames: { '#s': 'status' },
      },
    };
  }

  async approve(p: ConfigProposal, next: BankConfig, event: NewEvent) {
    const failed = await writeWithHistory(this.doc, this.table, this.clock, [
      this.decide(p),
      { Put: { TableName: this.table, Item: { ...configVersionKey(next.version), value: JSON.stringify(next) }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ], event);
    this.cache = undefined;
    if (failed.includes(0)) return 'decided' as const;
    if (failed.includes(1)) return 'stale' as const;
    return 'ok' as const;
  }

  async reject(p: ConfigProposal, event: NewEvent) {
    return (await writeWithHistory(this.doc, this.table, this.clock, [this.decide(p)], event)).length === 0;
  }

  async history() {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :e)', ExpressionAttributeValues: { ':p': ADMIN_HISTORY_PK, ':e': 'EVT#' },
    });
    return items.map((i) => stripKeys<ChainedEvent>(i));
  }
}

/** Transactions take at most 100 items: the history's event and head leave room for this many entries. */
export const NEGATIVE_LIST_BATCH = 90;

export class DynamoNegativeList implements NegativeListStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly clock: Clock) {
    this.doc = documentClient(client);
  }

  async lookup(creditCode: string) {
    return (await this.list({ creditCode })).map(({ list, detail, since, source }) => ({ list, detail, ...(since ? { since } : {}), source }));
  }

  async list(filter: { creditCode?: string } = {}) {
    const code = filter.creditCode ? normaliseCreditCode(filter.creditCode) : undefined;
    const items = await queryAll(this.doc, this.table, code
      ? { KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)', ExpressionAttributeValues: { ':p': NEGATIVE_LIST_PK, ':c': `${code}#` } }
      : { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': NEGATIVE_LIST_PK } });
    return items.filter((i) => i.sk !== negativeListSeededKey.sk).map((i) => stripKeys<NegativeListEntry>(i));
  }

  async put(entries: NegativeListEntry[], event: NewEvent) {
    if (entries.length > NEGATIVE_LIST_BATCH) throw new RangeError(`At most ${NEGATIVE_LIST_BATCH} entries per write.`);
    await writeWithHistory(this.doc, this.table, this.clock, entries.map((e) => {
      const creditCode = normaliseCreditCode(e.creditCode);
      return { Put: { TableName: this.table, Item: { ...negativeListKey(creditCode, e.list), ...e, creditCode } } };
    }), event);
  }

  async remove(creditCode: string, event: NewEvent) {
    const removed = await this.list({ creditCode });
    if (!removed.length) return [];
    await writeWithHistory(this.doc, this.table, this.clock,
      removed.map((e) => ({ Delete: { TableName: this.table, Key: negativeListKey(e.creditCode, e.list) } })), event);
    return removed;
  }

  /** Local stack: loads the demo entries once; a later start keeps whatever head office changed since. */
  async seedOnce(entries: NegativeListEntry[]) {
    const seeded = await this.doc.send(new GetCommand({ TableName: this.table, Key: negativeListSeededKey }));
    if (seeded.Item) return false;
    for (let i = 0; i < entries.length; i += NEGATIVE_LIST_BATCH) {
      await this.put(entries.slice(i, i + NEGATIVE_LIST_BATCH), { type: 'negative-list-seeded', actor: 'system', detail: { count: Math.min(NEGATIVE_LIST_BATCH, entries.length - i) } });
    }
    await this.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: this.table, Item: { ...negativeListSeededKey, at: this.clock.now().toISOString() } } }] }));
    return true;
  }
}
