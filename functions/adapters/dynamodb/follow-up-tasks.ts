/** DynamoDB adapter for follow-up tasks: created once by id, completed only while still open (conditional writes). */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FollowUpTask } from '../../../shared/servicing/follow-up.js';
import type { FollowUpTaskStore } from '../../core/ports.js';
import { taskIndexKeys, taskKey } from '../store-keys.js';
import { documentClient, queryAll } from './document-client.js';

export class DynamoFollowUpTasks implements FollowUpTaskStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly table: string) {
    this.doc = documentClient(client);
  }

  private async put(task: FollowUpTask, condition: string, values?: Record<string, unknown>, names?: Record<string, string>) {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.table, Item: { ...taskKey(task.id), ...taskIndexKeys(task), status: task.status, task },
        ConditionExpression: condition, ExpressionAttributeValues: values, ExpressionAttributeNames: names,
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  create(task: FollowUpTask) { return this.put(task, 'attribute_not_exists(pk)'); }

  update(next: FollowUpTask) { return this.put(next, '#s = :open', { ':open': 'open' }, { '#s': 'status' }); }

  async get(id: string) {
    const out = await this.doc.send(new GetCommand({ TableName: this.table, Key: taskKey(id), ConsistentRead: true }));
    return (out.Item?.task as FollowUpTask | undefined) ?? null;
  }

  private async list(index: 'gsi1' | 'gsi2', pk: string) {
    const items = await queryAll(this.doc, this.table, {
      IndexName: index, KeyConditionExpression: `${index}pk = :p`, ExpressionAttributeValues: { ':p': pk },
    });
    return items.map((i) => i.task as FollowUpTask);
  }

  listByAssignee(username: string) { return this.list('gsi1', `TASKS#${username}`); }

  listByBranch(branch: string) { return this.list('gsi2', `TASKBRANCH#${branch}`); }
}
