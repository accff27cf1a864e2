/**
 * Account codes, attempt windows and sessions in the main table, one item each, changed only by conditional
 * writes so that concurrent requests (on any number of Lambda instances) can never spend more than the limit:
 *  - a code:            pk=ACODE#<username>   sk=<purpose>       hash, codeExpiresAt, attempts
 *  - an attempt window: pk=LIMIT#<key>        sk=W#<start ms>    hits
 *  - a session:         pk=SESSION#<id>       sk=SESSION         username, lastSeen, tokens (access-token id → exp)
 *  - a revoked token:   pk=REVOKED#<token id> sk=REVOKED         until the token would have expired
 * Every item carries `expiresAt` (epoch seconds) so the table's TTL clears what is spent.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CodePurpose } from '../../../shared/accounts.js';
import type { AccountStore, SessionToken } from '../../core/ports.js';
import { documentClient } from './document-client.js';

const epoch = (iso: string | number) => Math.ceil((typeof iso === 'number' ? iso : Date.parse(iso)) / 1000);
/** Spent codes and windows stay a day for investigation, then TTL removes them. */
const KEEP_S = 24 * 3600;

async function conditional<T>(write: Promise<T>): Promise<T | null> {
  try {
    return await write;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException || (err as Error).name === 'ConditionalCheckFailedException') return null;
    throw err;
  }
}

export class DynamoAccountStore implements AccountStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  private codeKey(username: string, purpose: CodePurpose) {
    return { pk: `ACODE#${username}`, sk: purpose };
  }

  async issueCode(username: string, purpose: CodePurpose, code: { hash: string; expiresAt: string }) {
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: { ...this.codeKey(username, purpose), codeHash: code.hash, codeExpiresAt: code.expiresAt, attempts: 0, expiresAt: epoch(code.expiresAt) + KEEP_S },
    }));
  }

  async spendAttempt(username: string, purpose: CodePurpose, max: number) {
    const out = await conditional(this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: this.codeKey(username, purpose),
      UpdateExpression: 'SET attempts = attempts + :one',
      ConditionExpression: 'attribute_exists(pk) AND attempts < :max',
      ExpressionAttributeValues: { ':one': 1, ':max': max },
      ReturnValues: 'ALL_NEW',
    })));
    if (out?.Attributes) {
      const a = out.Attributes;
      return { hash: a.codeHash as string, expiresAt: a.codeExpiresAt as string, attempts: a.attempts as number };
    }
    const found = await this.doc.send(new GetCommand({ TableName: this.table, Key: this.codeKey(username, purpose), ConsistentRead: true }));
    return found.Item ? 'locked' as const : null;
  }

  async consumeCode(username: string, purpose: CodePurpose, hash: string) {
    const out = await conditional(this.doc.send(new DeleteCommand({
      TableName: this.table, Key: this.codeKey(username, purpose), ConditionExpression: 'codeHash = :h', ExpressionAttributeValues: { ':h': hash },
    })));
    return out !== null;
  }

  async hit(key: string, limit: number, windowMs: number, now: Date) {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const retryAfterSeconds = Math.ceil((start + windowMs - now.getTime()) / 1000);
    const out = await conditional(this.doc.send(new UpdateCommand({
      TableName: this.table,
      Key: { pk: `LIMIT#${key}`, sk: `W#${start}` },
      UpdateExpression: 'ADD hits :one SET expiresAt = :ttl',
      ConditionExpression: 'attribute_not_exists(hits) OR hits < :limit',
      ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': epoch(start + windowMs) + KEEP_S },
    })));
    return { allowed: out !== null, retryAfterSeconds };
  }

  async clearHits(key: string, windowMs: number, now: Date) {
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: `LIMIT#${key}`, sk: `W#${start}` } }));
  }

  async openSession(id: string, s: { username: string; at: string; expiresAt: string; token: SessionToken }) {
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: {
        pk: `SESSION#${id}`, sk: 'SESSION', username: s.username, lastSeen: s.at, sessionExpiresAt: s.expiresAt, expiresAt: epoch(s.expiresAt),
        tokens: { [s.token.id]: s.token.expiresAt },
      },
    }));
  }

  async addSessionToken(id: string, token: SessionToken) {
    // A map keyed by token id: AWS's origin_jti repeats on every refresh, and is stored once.
    const out = await conditional(this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: `SESSION#${id}`, sk: 'SESSION' },
      UpdateExpression: 'SET tokens.#t = :exp',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#t': token.id },
      ExpressionAttributeValues: { ':exp': token.expiresAt },
    })));
    return out !== null;
  }

  async touchSession(id: string, now: string, idleSince: string) {
    const Key = { pk: `SESSION#${id}`, sk: 'SESSION' };
    const out = await conditional(this.doc.send(new UpdateCommand({
      TableName: this.table, Key,
      UpdateExpression: 'SET lastSeen = :now',
      ConditionExpression: 'attribute_exists(pk) AND lastSeen >= :idle AND sessionExpiresAt > :now',
      ExpressionAttributeValues: { ':now': now, ':idle': idleSince },
    })));
    if (out) return 'active' as const;
    const found = await this.doc.send(new GetCommand({ TableName: this.table, Key, ConsistentRead: true }));
    return found.Item && found.Item.sessionExpiresAt > now ? 'idle' as const : 'unknown' as const;
  }

  async closeSession(id: string) {
    const out = await this.doc.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SESSION#${id}`, sk: 'SESSION' }, ReturnValues: 'ALL_OLD' }));
    const tokens = (out.Attributes?.tokens ?? {}) as Record<string, number>;
    return Object.entries(tokens).map(([tokenId, expiresAt]) => ({ id: tokenId, expiresAt: Number(expiresAt) }));
  }

  async revokeTokens(tokens: SessionToken[]) {
    // One small put each; a session holds a handful (one in AWS, where refreshes keep origin_jti).
    await Promise.all(tokens.map((t) => this.doc.send(new PutCommand({
      TableName: this.table, Item: { pk: `REVOKED#${t.id}`, sk: 'REVOKED', expiresAt: t.expiresAt },
    }))));
  }

  async isTokenRevoked(tokenId: string) {
    // Consistent: the request right after a sign-out may land on any instance, and must be refused there too.
    const found = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `REVOKED#${tokenId}`, sk: 'REVOKED' }, ConsistentRead: true }));
    return found.Item !== undefined;
  }
}
