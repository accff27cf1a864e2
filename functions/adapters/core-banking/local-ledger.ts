/**
 * The core-banking system is a third party we cannot run; this local ledger stands behind its port and
 * keeps one payment per application with a conditional write, so a retried disbursement never pays twice.
 * Each enterprise's basic account is a head (balance, last sequence) and its postings: a posting, the new head
 * and the reference's marker are one transaction conditional on the head read, so racing posts retry and a
 * repeated reference posts once.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoreBankingPort, Disbursement, Posting } from '../../core/ports.js';
import { documentClient, queryAll } from '../dynamodb/document-client.js';
import { basicAccountKeys } from '../store-keys.js';

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

  async post(req: { creditCode: string; amount: number; direction: 'credit' | 'debit'; memo: string; reference: string }) {
    const refKey = basicAccountKeys.reference(req.creditCode, req.reference);
    for (let attempt = 0; attempt < 20; attempt++) {
      const [head, ref] = await Promise.all([
        this.doc.send(new GetCommand({ TableName: this.table, Key: basicAccountKeys.head(req.creditCode), ConsistentRead: true })),
        this.doc.send(new GetCommand({ TableName: this.table, Key: refKey, ConsistentRead: true })),
      ]);
      if (ref.Item) return { ...(ref.Item.posting as Posting), replayed: true };
      const seq = Number(head.Item?.seq ?? 0) + 1;
      const balance = Number(head.Item?.balance ?? 0) + (req.direction === 'credit' ? req.amount : -req.amount);
      const posting: Posting = {
        id: `LOCAL-${this.newId()}`, at: this.now().toISOString(), amount: req.amount, direction: req.direction, memo: req.memo, balance, reference: req.reference,
      };
      try {
        await this.doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: {
              TableName: this.table, Item: { ...basicAccountKeys.head(req.creditCode), seq, balance },
              ConditionExpression: head.Item ? 'seq = :prev' : 'attribute_not_exists(pk)',
              ...(head.Item ? { ExpressionAttributeValues: { ':prev': seq - 1 } } : {}),
            } },
            { Put: { TableName: this.table, Item: { ...basicAccountKeys.posting(req.creditCode, seq), ...posting } } },
            { Put: { TableName: this.table, Item: { ...refKey, posting }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }));
        return { ...posting, replayed: false };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        // Someone posted meanwhile (or the same reference): read again and redo.
      }
    }
    throw new Error(`basic account ${req.creditCode}: too many concurrent postings`);
  }

  async statement(creditCode: string): Promise<Posting[]> {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': basicAccountKeys.head(creditCode).pk, ':s': 'POST#' },
      ScanIndexForward: false, ConsistentRead: true,
    });
    return items.map(({ id, at, amount, direction, memo, balance, reference }) => ({ id, at, amount, direction, memo, balance, reference }));
  }
}
