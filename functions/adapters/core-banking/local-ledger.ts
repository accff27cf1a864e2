/**
 * The core-banking system is a third party we cannot run; this local ledger stands behind its port and
 * keeps one payment per application with a conditional write, so a retried disbursement never pays twice.
 * Each enterprise's basic account is a head (balance, last sequence) and its postings: a posting, the new head
 * and the reference's marker are one transaction conditional on the head read, so racing posts retry, a
 * repeated reference (a micro-deposit, a disbursement, a loan's debit key) posts once, and a debit without the
 * money takes nothing.
 */
import { ConditionalCheckFailedException, TransactionCanceledException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CoreBankingPort, DebitResult, Disbursement, Posting } from '../../core/ports.js';
import { documentClient, queryAll } from '../dynamodb/document-client.js';
import { basicAccountKeys } from '../store-keys.js';

type Move = { amount: number; direction: 'credit' | 'debit'; memo: string };

export class LocalLedger implements CoreBankingPort {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly newId: () => string, private readonly now: () => Date) {
    this.doc = documentClient(client);
  }

  async disburse(req: { applicationId: string; amount: number; account: string; creditCode?: string }) {
    const payment: Disbursement = {
      transactionId: `LOCAL-${this.newId()}`, applicationId: req.applicationId, amount: req.amount, account: req.account, at: this.now().toISOString(),
    };
    let result: Disbursement & { replayed: boolean };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table,
        Item: { pk: `LEDGER#${req.applicationId}`, sk: 'DISBURSEMENT', ...payment },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      result = { ...payment, replayed: false };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
      const prior = await this.payments(req.applicationId);
      result = { ...prior[0], replayed: true };
    }
    // Keyed by the application, so a retry after a crash between the two writes credits once.
    if (req.creditCode) await this.post({ creditCode: req.creditCode, amount: req.amount, direction: 'credit', memo: `贷款发放 ${req.applicationId}`, reference: `disburse#${req.applicationId}` });
    return result;
  }

  async payments(applicationId: string): Promise<Disbursement[]> {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `LEDGER#${applicationId}` }, ConsistentRead: true,
    }));
    return (out.Items ?? []).map(({ transactionId, applicationId: a, amount, account, at }) => ({ transactionId, applicationId: a, amount, account, at }));
  }

  async post(req: { creditCode: string; amount: number; direction: 'credit' | 'debit'; memo: string; reference: string }) {
    const out = await this.postIf(req.creditCode, req.reference, () => req);
    if ('refused' in out) throw new Error('unreachable: an unconditional post is never refused');
    return out;
  }

  async accountBalance(creditCode: string) {
    const head = await this.doc.send(new GetCommand({ TableName: this.table, Key: basicAccountKeys.head(creditCode), ConsistentRead: true }));
    return Number(head.Item?.balance ?? 0);
  }

  async debit(req: { creditCode: string; key: string; amount: number; memo: string; allowPartial?: boolean }): Promise<DebitResult> {
    const out = await this.postIf(req.creditCode, req.key, (balance) => {
      const amount = req.allowPartial ? Math.min(balance, req.amount) : req.amount;
      return amount <= 0 || balance < amount ? null : { amount, direction: 'debit', memo: req.memo };
    });
    if ('refused' in out) return { ok: false, reason: 'insufficient-funds', balance: out.balance };
    return { ok: true, transactionId: out.id, amount: out.amount, at: out.at, balance: out.replayed ? await this.accountBalance(req.creditCode) : out.balance, replayed: out.replayed };
  }

  /** Local simulator only: an adjustment posting that brings the balance to `balance`, so it shows on the statement. */
  async setAccountBalance(creditCode: string, balance: number) {
    const reference = `adjust#${this.newId()}`;
    await this.postIf(creditCode, reference, (current) => current === balance ? null
      : { amount: Math.abs(balance - current), direction: balance > current ? 'credit' : 'debit', memo: '模拟器余额调整 simulator adjustment' });
  }

  /** One posting once per reference, decided on the balance it is written against (null: nothing posted). */
  private async postIf(creditCode: string, reference: string, decide: (balance: number) => Move | null): Promise<(Posting & { replayed: boolean }) | { refused: true; balance: number }> {
    const refKey = basicAccountKeys.reference(creditCode, reference);
    for (let attempt = 0; attempt < 20; attempt++) {
      const [head, ref] = await Promise.all([
        this.doc.send(new GetCommand({ TableName: this.table, Key: basicAccountKeys.head(creditCode), ConsistentRead: true })),
        this.doc.send(new GetCommand({ TableName: this.table, Key: refKey, ConsistentRead: true })),
      ]);
      if (ref.Item) return { ...(ref.Item.posting as Posting), replayed: true };
      const current = Number(head.Item?.balance ?? 0);
      const move = decide(current);
      if (!move) return { refused: true, balance: current };
      const seq = Number(head.Item?.seq ?? 0) + 1;
      const balance = current + (move.direction === 'credit' ? move.amount : -move.amount);
      const posting: Posting = { id: `LOCAL-${this.newId()}`, at: this.now().toISOString(), ...move, balance, reference };
      try {
        await this.doc.send(new TransactWriteCommand({
          TransactItems: [
            { Put: {
              TableName: this.table, Item: { ...basicAccountKeys.head(creditCode), seq, balance },
              ConditionExpression: head.Item ? 'seq = :prev' : 'attribute_not_exists(pk)',
              ...(head.Item ? { ExpressionAttributeValues: { ':prev': seq - 1 } } : {}),
            } },
            { Put: { TableName: this.table, Item: { ...basicAccountKeys.posting(creditCode, seq), ...posting } } },
            { Put: { TableName: this.table, Item: { ...refKey, posting }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }));
        return { ...posting, replayed: false };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        // Someone posted meanwhile (or the same reference): read again and redo.
      }
    }
    throw new Error(`basic account ${creditCode}: too many concurrent postings`);
  }

  async statement(creditCode: string): Promise<Posting[]> {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': basicAccountKeys.head(creditCode).pk, ':s': 'POST#' },
      ScanIndexForward: false, ConsistentRead: true,
    });
    return items.map(({ id, at, amount, direction, memo, balance, reference }) => ({ id, at, amount, direction, memo, balance, reference }));
  }
}
