/**
 * The core-banking system is a third party we cannot run; this local ledger stands behind its port and
 * keeps one payment per application with a conditional write, so a retried disbursement never pays twice.
 * Each enterprise's basic account is a balance item with its postings beside it; a debit is one transaction
 * (balance ≥ amount, the debit key not yet used, the posting), so a retried debit never takes twice and one
 * without the money takes nothing.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoreBankingPort, DebitResult, Disbursement } from '../../core/ports.js';
import { accountPk, debitKey } from '../store-keys.js';
import { documentClient } from '../dynamodb/document-client.js';

export class LocalLedger implements CoreBankingPort {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly newId: () => string, private readonly now: () => Date) {
    this.doc = documentClient(client);
  }

  async disburse(req: { applicationId: string; amount: number; account: string; creditCode?: string }) {
    const payment: Disbursement = {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    const put = {
      TableName: this.table,
      Item: { pk: `LEDGER#${req.applicationId}`, sk: 'DISBURSEMENT', ...payment },
      ConditionExpression: 'attribute_not_exists(pk)',
    };
    try {
      if (!req.creditCode) await this.doc.send(new PutCommand(put));
      else {
        await this.doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: put },
            ...this.posting(req.creditCode, req.amount, `贷款发放 ${req.applicationId}`, payment.transactionId, payment.at),
          ],
        }));
      }
      return { ...payment, replayed: false };
    } catch (err) {
      const lost = err instanceof ConditionalCheckFailedException
        || (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');
      if (!lost) throw err;
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

  /** The balance change and its posting line, as transaction items. */
  private posting(creditCode: string, delta: number, memo: string, transactionId: string, at: string, condition?: { min: number }) {
    return [
      {
        Update: {
          TableName: this.table, Key: { pk: accountPk(creditCode), sk: 'BALANCE' },
          UpdateExpression: 'ADD balance :d',
          ...(condition ? { ConditionExpression: 'balance >= :min' } : {}),
          ExpressionAttributeValues: { ':d': delta, ...(condition ? { ':min': condition.min } : {}) },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk: accountPk(creditCode), sk: `POST#${at}#${transactionId}`, at, amount: Math.abs(delta), direction: delta >= 0 ? 'credit' : 'debit', memo, transactionId },
        },
      },
    ];
  }

  async accountBalance(creditCode: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: accountPk(creditCode), sk: 'BALANCE' }, ConsistentRead: true }));
    return (out.Item?.balance as number | undefined) ?? 0;
  }

  async debit(req: { creditCode: string; key: string; amount: number; memo: string; allowPartial?: boolean }): Promise<DebitResult> {
    const prior = await this.priorDebit(req.key);
    if (prior) return prior;
    const balance = await this.accountBalance(req.creditCode);
    const amount = req.allowPartial ? Math.min(balance, req.amount) : req.amount;
    if (amount <= 0 || balance < amount) return { ok: false, reason: 'insufficient-funds', balance };
    const transactionId = `LOCAL-${this.newId()}`;
    const at = this.now().toISOString();
    try {
      await this.doc.send(new TransactWriteCommand({
        TransactItems: [
          ...this.posting(req.creditCode, -amount, req.memo, transactionId, at, { min: amount }),
          { Put: { TableName: this.table, Item: { ...debitKey(req.key), transactionId, amount, at, creditCode: req.creditCode }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
      return { ok: true, transactionId, amount, at, balance: balance - amount, replayed: false };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const replay = await this.priorDebit(req.key);
      if (replay) return replay;
      // The balance moved between the read and the write: what is there now decides.
      return { ok: false, reason: 'insufficient-funds', balance: await this.accountBalance(req.creditCode) };
    }
  }

  private async priorDebit(key: string): Promise<DebitResult | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: debitKey(key), ConsistentRead: true }));
    if (!out.Item) return null;
    const { transactionId, amount, at, creditCode } = out.Item as { transactionId: string; amount: number; at: string; creditCode: string };
    return { ok: true, transactionId, amount, at, balance: await this.accountBalance(creditCode), replayed: true };
  }

  async setAccountBalance(creditCode: string, balance: number) {
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: accountPk(creditCode), sk: 'BALANCE' },
      UpdateExpression: 'SET balance = :b', ExpressionAttributeValues: { ':b': balance },
    }));
  }
}
