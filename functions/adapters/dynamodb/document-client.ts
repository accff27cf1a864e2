import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Every document client over one DynamoDBClient must use the same options: `from()` writes them onto the
 * shared client config, so a second client built with other options silently changes the first one's.
 */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export type QueryInput = Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>;

/** Every page of a query. */
export async function queryAll(doc: DynamoDBDocumentClient, table: string, input: QueryInput) {
  const items: Record<string, any>[] = [];
  let ExclusiveStartKey: Record<string, any> | undefined;
  do {
    const out = await doc.send(new QueryCommand({ TableName: table, ...input, ExclusiveStartKey }));
    items.push(...(out.Items ?? []));
    ExclusiveStartKey = out.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}
