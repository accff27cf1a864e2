/** DynamoDB adapter of the target-list imports and leads (keys in store-keys.ts); every "once" is a conditional write. */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Lead } from '../../../shared/target-list.js';
import type { ChunkResult, LeadStore, TargetListImport } from '../../core/lead-ports.js';
import { leadIndexKeys, leadKey, leadLoadKey, targetListChunkKey, targetListFileKey, targetListKey } from '../store-keys.js';
import { documentClient, queryAll } from './document-client.js';

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _a, gsi1sk: _b, gsi2pk: _c, gsi2sk: _d, ...rest } = item;
  return rest as T;
};
const lost = (err: unknown) => err instanceof ConditionalCheckFailedException || err instanceof TransactionCanceledException;

export class DynamoLeadStore implements LeadStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  async putImport(rec: TargetListImport) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { ...targetListKey(rec.importId), ...rec } }));
  }

  async getImport(importId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: targetListKey(importId), ConsistentRead: true }));
    return out.Item ? strip<TargetListImport>(out.Item) : null;
  }

  async listImports() {
    const items = await queryAll(this.doc, this.table, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'TLISTS' } });
    return items.map((i) => strip<TargetListImport>(i)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async claimFile(sha256: string, importId: string) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { ...targetListFileKey(sha256), importId }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return importId;
    } catch (err) {
      if (!lost(err)) throw err;
      const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: targetListFileKey(sha256), ConsistentRead: true }));
      return out.Item!.importId as string;
    }
  }

  async recordChunk(importId: string, result: ChunkResult) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { ...targetListChunkKey(importId, result.chunk), ...result }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return result;
    } catch (err) {
      if (!lost(err)) throw err;
      const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: targetListChunkKey(importId, result.chunk), ConsistentRead: true }));
      return strip<ChunkResult>(out.Item!);
    }
  }

  async chunkResults(importId: string) {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :c)', ExpressionAttributeValues: { ':p': `TLIST#${importId}`, ':c': 'CHUNK#' }, ConsistentRead: true,
    });
    return items.map((i) => strip<ChunkResult>(i));
  }

  async getLead(creditCode: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: leadKey(creditCode), ConsistentRead: true }));
    return out.Item ? strip<Lead>(out.Item) : null;
  }

  async createLead(lead: Lead) {
    const put = { Put: { TableName: this.table, Item: { ...leadKey(lead.creditCode), ...leadIndexKeys(lead), ...lead }, ConditionExpression: 'attribute_not_exists(pk)' } };
    const load = lead.assignee ? [{
      Update: { TableName: this.table, Key: leadLoadKey(lead.assignee), UpdateExpression: 'ADD #n :one', ExpressionAttributeNames: { '#n': 'count' }, ExpressionAttributeValues: { ':one': 1 } },
    }] : [];
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: [put, ...load] }));
      return true;
    } catch (err) {
      if (lost(err)) return false;
      throw err;
    }
  }

  async updateLead(lead: Lead, expectedUpdatedAt: string) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { ...leadKey(lead.creditCode), ...leadIndexKeys(lead), ...lead },
        ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': expectedUpdatedAt },
      }));
      return true;
    } catch (err) {
      if (lost(err)) return false;
      throw err;
    }
  }

  async listLeads(filter: { assignee?: string }) {
    const items = filter.assignee
      ? await queryAll(this.doc, this.table, { IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `LEADS#${filter.assignee}` } })
      : await queryAll(this.doc, this.table, { IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'LEADS' } });
    return items.map((i) => strip<Lead>(i)).sort((a, b) => a.class.localeCompare(b.class) || b.compositeScore - a.compositeScore || a.creditCode.localeCompare(b.creditCode));
  }

  async assigneeLoads(usernames: string[]) {
    const loads: Record<string, number> = Object.fromEntries(usernames.map((u) => [u, 0]));
    for (let i = 0; i < usernames.length; i += 100) {
      const keys = usernames.slice(i, i + 100).map(leadLoadKey);
      const out = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ConsistentRead: true } } }));
      for (const item of out.Responses?.[this.table] ?? []) loads[(item.pk as string).slice('LEADLOAD#'.length)] = item.count as number;
    }
    return loads;
  }
}
