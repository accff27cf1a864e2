/**
 * External signals (court cases, dishonest-debtor list, registry changes, tax arrears) come from data providers the
 * bank has not contracted yet; this local adapter keeps what the local stack injects (POST /api/dev/signals) in the
 * table, so monitoring reads them as it would read a provider's feed.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ExternalSignal } from '../../../shared/servicing/follow-up.js';
import type { ExternalSignalsPort } from '../../core/ports.js';
import { documentClient, queryAll } from '../dynamodb/document-client.js';
import { signalPk } from '../store-keys.js';

export class LocalExternalSignals implements ExternalSignalsPort {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string, private readonly newId: () => string) {
    this.doc = documentClient(client);
  }

  async signals(creditCode: string, since?: string) {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: since ? 'pk = :p AND sk > :s' : 'pk = :p',
      ExpressionAttributeValues: { ':p': signalPk(creditCode), ...(since ? { ':s': `${since}#~` } : {}) },
      ConsistentRead: true,
    });
    return items.map((i) => i.signal as ExternalSignal);
  }

  async inject(signal: ExternalSignal) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: signalPk(signal.creditCode), sk: `${signal.at}#${this.newId()}`, signal } }));
  }
}
