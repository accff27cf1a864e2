/**
 * DynamoDB adapter for the staff directory (pk=STAFF#<username>, listed per branch on gsi1), each enterprise's
 * account manager (pk=ENT#<creditCode>) and the open-application counts per branch (pk=BRANCHLOAD).
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { StaffDirectory, StaffMember } from '../../core/ports.js';
import { documentClient, queryAll } from './document-client.js';

type Listed = StaffMember & { openCount: number };
const member = ({ username, branch, roles, openCount }: Record<string, any>): Listed => ({ username, branch: branch ?? null, roles, openCount: Number(openCount ?? 0) });

export class DynamoStaffDirectory implements StaffDirectory {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  async branchLoads() {
    const items = await queryAll(this.doc, this.table, { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'BRANCHLOAD' } });
    return Object.fromEntries(items.map((i) => [i.sk as string, Number(i.open ?? 0)]));
  }

  /** Counts open applications per branch and per account manager; used to break routing ties and balance work. */
  async adjustLoad(branch: string, delta: number, assignee?: string) {
    await this.doc.send(new UpdateCommand({
      TableName: this.table, Key: { pk: 'BRANCHLOAD', sk: branch },
      UpdateExpression: 'ADD #o :d', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':d': delta },
    }));
    if (assignee) {
      await this.doc.send(new UpdateCommand({
        TableName: this.table, Key: { pk: `STAFF#${assignee}`, sk: 'STAFF' },
        UpdateExpression: 'ADD openCount :d', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':d': delta },
      })).catch((err) => { if (!(err instanceof ConditionalCheckFailedException)) throw err; });
    }
  }

  async putStaff(m: StaffMember) {
    await this.doc.send(new PutCommand({
      TableName: this.table,
      Item: {
        pk: `STAFF#${m.username}`, sk: 'STAFF', ...m,
        ...(m.branch ? { gsi1pk: `BRANCHSTAFF#${m.branch}`, gsi1sk: m.username } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    })).catch((err) => { if (!(err instanceof ConditionalCheckFailedException)) throw err; });
  }

  async getStaff(username: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `STAFF#${username}`, sk: 'STAFF' } }));
    return out.Item ? member(out.Item) : null;
  }

  async listStaff(branch: string) {
    const items = await queryAll(this.doc, this.table, {
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :b', ExpressionAttributeValues: { ':b': `BRANCHSTAFF#${branch}` },
    });
    return items.map(member);
  }

  /** Enterprise → its existing account manager, so a returning customer keeps theirs. */
  async enterpriseManager(creditCode: string): Promise<string | null> {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `ENT#${creditCode}`, sk: 'ENT' } }));
    return (out.Item?.accountManager as string | undefined) ?? null;
  }

  async setEnterpriseManager(creditCode: string, username: string) {
    await this.doc.send(new PutCommand({ TableName: this.table, Item: { pk: `ENT#${creditCode}`, sk: 'ENT', accountManager: username } }));
  }
}
