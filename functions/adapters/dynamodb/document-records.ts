/** DynamoDB adapter for document records: one item per document under its application (pk=APP#<id>, sk=DOC#<documentId>). */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocumentRecord } from '../../../shared/types.js';
import type { DocumentRecords } from '../../core/ports.js';
import { documentClient, queryAll } from './document-client.js';

export class DynamoDocumentRecords implements DocumentRecords {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  async putDocument(appId: string, doc: DocumentRecord) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `APP#${appId}`, sk: `DOC#${doc.documentId}`, doc } }));
  }

  async getDocument(appId: string, documentId: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `APP#${appId}`, sk: `DOC#${documentId}` }, ConsistentRead: true }));
    return (out.Item?.doc as DocumentRecord | undefined) ?? null;
  }

  async listDocuments(appId: string) {
    const items = await queryAll(this.doc, this.table, {
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':p': `APP#${appId}`, ':d': 'DOC#' },
      ConsistentRead: true,
    });
    return items.map((i) => i.doc as DocumentRecord);
  }
}
