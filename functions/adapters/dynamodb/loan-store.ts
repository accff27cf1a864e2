/**
 * DynamoDB adapter for loans (functions/adapters/dynamodb/schema.ts): one item per loan, written only if its version
 * is still the one read, so two servicing runs (or a run and a prepayment) can never both apply.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LoanRecord } from '../../../shared/servicing/loan.js';
import type { LoanStore } from '../../core/ports.js';
import { decodeLoanCursor, encodeCursor, loanIndexKeys, loanKey } from '../store-keys.js';
import { documentClient, queryAll } from './document-client.js';

export class DynamoLoanStore implements LoanStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  private item(loan: LoanRecord) {
    return { ...loanKey(loan.id), ...loanIndexKeys(loan), version: loan.version, loan };
  }

  async create(loan: LoanRecord) {
    try {
      await this.doc.send(new PutCommand({ TableName: this.table, Item: this.item(loan), ConditionExpression: 'attribute_not_exists(pk)' }));
      return { loan, created: true };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const prior = await this.get(loan.id);
      if (!prior) throw err;
      return { loan: prior, created: false };
    }
  }

  async get(id: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: loanKey(id), ConsistentRead: true }));
    return (out.Item?.loan as LoanRecord | undefined) ?? null;
  }

  async update(next: LoanRecord) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: this.item(next),
        ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': next.version - 1 },
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listByBorrower(creditCode: string) {
    const items = await queryAll(this.doc, this.table, {
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `LOANBORROWER#${creditCode}` },
    });
    return items.map((i) => i.loan as LoanRecord);
  }

  async branchPage(branch: string, page: { limit: number; cursor?: string }) {
    const gsi2pk = `LOANBRANCH#${branch}`;
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :b', ExpressionAttributeValues: { ':b': gsi2pk },
      Limit: page.limit,
      ExclusiveStartKey: page.cursor ? decodeLoanCursor(page.cursor, gsi2pk) : undefined,
    }));
    return {
      items: (out.Items ?? []).map((i) => i.loan as LoanRecord),
      cursor: out.LastEvaluatedKey ? encodeCursor(out.LastEvaluatedKey) : undefined,
    };
  }
}
