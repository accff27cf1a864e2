/**
 * The core-banking system is a third party we cannot run; this local ledger stands behind its port and
 * keeps one payment per application with a conditional write, so a retried disbursement never pays twice.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoreBankingPort, Disbursement } from '../../core/ports.js';
import { documentClient } from '../dynamodb/document-client.js';

export class LocalLedger implements CoreBankingPort {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly newId: () => string, private readonly now: () => Date) {
    this.doc = documentClient(client);
  }

  async disburse(req: { applicationId: string; amount: number; account: string }) {
    const payment: Disbursement = {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { pk: `LEDGER#${req.applicationId}`, sk: 'DISBURSEMENT', ...payment },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return { ...payment, replayed: false };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const prior = await this.payments(req.applicationId);
      return { ...prior[0], replayed: true };
    }
  }

  async payments(applicationId: string): Promise<Disbursement[]> {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `LEDGER#${applicationId}` }, ConsistentRead: true,
    }));
    return (out.Items ?? []).map(({ transactionId, applicationId: a, amount, account, at }) => ({ transactionId, applicationId: a, amount, account, at }));
  }
}
