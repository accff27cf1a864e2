/** DynamoDB adapter for the local outbox: one item per message (pk=OUTBOX#<to>, sk=<at>#<id>). */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Outbox, OutboxMessage } from '../../core/ports.js';
import { documentClient } from './document-client.js';

export class DynamoOutbox implements Outbox {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  async putOutbox(to: string, at: string, id: string, message: OutboxMessage) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `OUTBOX#${to}`, sk: `${at}#${id}`, at, ...message } }));
  }

  async listOutbox(to: string) {
    const out = await this.doc.send(new QueryCommand({
      TableName: this.table, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `OUTBOX#${to}` }, ScanIndexForward: false, Limit: 100,
    }));
    return (out.Items ?? []).map(({ at, subject, body, kind }) => ({ at, subject, body, kind }));
  }
}
