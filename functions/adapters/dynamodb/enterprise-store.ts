/**
 * DynamoDB adapter for enterprise verification (key layout: kybKeys in ../store-keys.ts). The attempt counter is
 * an update conditional on the challenge being open; the claim closes the challenge and puts the one OWNER row in
 * a single transaction whose owner row must not exist, so two accounts racing cannot both own an enterprise and a
 * failed verification leaves no binding behind.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ClaimResult, DepositChallenge, EnterpriseBinding, EnterpriseStore } from '../../core/ports.js';
import { kybKeys } from '../store-keys.js';
import { documentClient, queryAll } from './document-client.js';

const OPEN = '#st = :pending AND attempts < :max AND depositExpiresAt > :now';
const openValues = (now: string, max: number) => ({ ':pending': 'pending', ':max': max, ':now': now });

const challengeOf = (i: Record<string, any>): DepositChallenge => ({
  creditCode: i.creditCode, username: i.username, name: i.name, amount: i.amount, memo: i.memo,
  attempts: Number(i.attempts), createdAt: i.createdAt, expiresAt: i.depositExpiresAt, status: i.status,
});
const bindingOf = (i: Record<string, any>): EnterpriseBinding => ({
  creditCode: i.creditCode, name: i.name, username: i.username, role: i.role, since: i.since,
});

export class DynamoEnterpriseStore implements EnterpriseStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  async putChallenge(c: DepositChallenge) {
    const { expiresAt, ...rest } = c;
    await this.doc.send(new PutCommand({
      TableName: this.table,
      // depositExpiresAt, not expiresAt: that name is the table's TTL attribute.
      Item: { ...kybKeys.challenge(c.creditCode, c.username), ...kybKeys.account(c.username, 'DEPOSIT', c.creditCode), ...rest, depositExpiresAt: expiresAt },
    }));
  }

  async getChallenge(creditCode: string, username: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: kybKeys.challenge(creditCode, username), ConsistentRead: true }));
    return out.Item ? challengeOf(out.Item) : null;
  }

  async recordWrongAnswer(creditCode: string, username: string, now: string, maxAttempts: number) {
    try {
      const out = await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: kybKeys.challenge(creditCode, username),
        UpdateExpression: 'ADD attempts :one', ConditionExpression: OPEN,
        ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':one': 1, ...openValues(now, maxAttempts) },
        ReturnValues: 'UPDATED_NEW',
      }));
      return Number(out.Attributes?.attempts);
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return null;
      throw err;
    }
  }

  async claim(creditCode: string, username: string, now: string, maxAttempts: number): Promise<ClaimResult> {
    const challenge = await this.getChallenge(creditCode, username);
    if (!challenge) return 'closed';
    const binding: EnterpriseBinding = { creditCode, name: challenge.name, username, role: 'owner', since: now };
    try {
      await this.doc.send(new TransactWriteCommand({
        TransactItems: [
          { Update: {
            TableName: this.table, Key: kybKeys.challenge(creditCode, username),
            UpdateExpression: 'SET #st = :verified REMOVE gsi1pk, gsi1sk', ConditionExpression: OPEN,
            ExpressionAttributeNames: { '#st': 'status' }, ExpressionAttributeValues: { ':verified': 'verified', ...openValues(now, maxAttempts) },
          } },
          { Put: {
            TableName: this.table, Item: { ...kybKeys.owner(creditCode), ...kybKeys.account(username, 'ENT', creditCode), ...binding },
            ConditionExpression: 'attribute_not_exists(pk)',
          } },
        ],
      }));
      return 'verified';
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const [challengeFailed, ownerFailed] = (err.CancellationReasons ?? []).map((r) => r.Code === 'ConditionalCheckFailed');
      if (challengeFailed) return 'closed';
      if (ownerFailed) return 'claimed-by-another';
      throw err;
    }
  }

  async recordMismatch(creditCode: string, username: string, now: string, windowMs: number, max: number) {
    const key = kybKeys.mismatches(creditCode, username);
    const windowStart = new Date(Date.parse(now) - windowMs).toISOString();
    // Racing first mismatches all find no row: one starts the window, the others count into it on the next turn.
    for (let turn = 0; turn < 3; turn++) {
      try {
        // Inside the window and under the limit: count one more.
        const out = await this.doc.send(new UpdateCommand({
          TableName: this.table, Key: key, UpdateExpression: 'ADD #c :one',
          ConditionExpression: 'attribute_exists(pk) AND since > :ws AND #c < :max',
          ExpressionAttributeNames: { '#c': 'count' }, ExpressionAttributeValues: { ':one': 1, ':ws': windowStart, ':max': max },
          ReturnValues: 'UPDATED_NEW',
        }));
        return Number(out.Attributes?.count);
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
      try {
        // No window yet, or the last one is over: start a new one.
        await this.doc.send(new PutCommand({
          TableName: this.table, Item: { ...key, count: 1, since: now },
          ConditionExpression: 'attribute_not_exists(pk) OR since <= :ws', ExpressionAttributeValues: { ':ws': windowStart },
        }));
        return 1;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
      }
      // Both refused: a window is running; full, unless it was only just started by a rival.
      if (await this.mismatches(creditCode, username, now, windowMs) >= max) return null;
    }
    return null;
  }

  async mismatches(creditCode: string, username: string, now: string, windowMs: number) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: kybKeys.mismatches(creditCode, username), ConsistentRead: true }));
    return out.Item && Date.parse(now) - Date.parse(out.Item.since) < windowMs ? Number(out.Item.count) : 0;
  }

  async owner(creditCode: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: kybKeys.owner(creditCode), ConsistentRead: true }));
    return out.Item ? bindingOf(out.Item) : null;
  }

  async claimed(creditCodes: string[]) {
    const found = new Set<string>();
    for (let i = 0; i < creditCodes.length; i += 100) {
      let keys: Record<string, any>[] = [...new Set(creditCodes.slice(i, i + 100))].map(kybKeys.owner);
      while (keys.length) {
        const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: 'creditCode' } } }));
        for (const item of out.Responses?.[this.table] ?? []) found.add(item.creditCode as string);
        keys = (out.UnprocessedKeys?.[this.table]?.Keys as Record<string, any>[] | undefined) ?? [];
      }
    }
    return found;
  }

  async binding(creditCode: string, username: string) {
    const owner = await this.owner(creditCode);
    if (owner?.username === username) return owner;
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: kybKeys.member(creditCode, username), ConsistentRead: true }));
    return out.Item ? bindingOf(out.Item) : null;
  }

  async addMember(b: EnterpriseBinding) {
    const owner = await this.owner(b.creditCode);
    if (owner?.username === b.username) return false;
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { ...kybKeys.member(b.creditCode, b.username), ...kybKeys.account(b.username, 'ENT', b.creditCode), ...b, role: 'member' },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listForAccount(username: string) {
    const items = await queryAll(this.doc, this.table, {
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :a', ExpressionAttributeValues: { ':a': `ACCOUNT#${username}` },
    });
    const bound = items.filter((i) => String(i.gsi1sk).startsWith('ENT#')).map((i) => ({ ...bindingOf(i), status: 'verified' as const }));
    const codes = new Set(bound.map((b) => b.creditCode));
    const pending = items.filter((i) => String(i.gsi1sk).startsWith('DEPOSIT#') && i.status === 'pending' && !codes.has(i.creditCode))
      .map((i) => ({ creditCode: i.creditCode, name: i.name, username, role: 'owner' as const, since: i.createdAt, status: 'deposit-sent' as const }));
    return [...bound, ...pending].sort((a, b) => (a.creditCode < b.creditCode ? -1 : 1));
  }

  async seedOwner(b: EnterpriseBinding) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { ...kybKeys.owner(b.creditCode), ...kybKeys.account(b.username, 'ENT', b.creditCode), ...b, role: 'owner' },
        ConditionExpression: 'attribute_not_exists(pk) OR username = :u', ExpressionAttributeValues: { ':u': b.username },
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }
}
