/** Creates the main table from the one definition the CDK app also uses (local stack and tests only). */
import { CreateTableCommand, DescribeTableCommand, ResourceInUseException, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { MAIN_TABLE } from './schema.js';

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const keys = new Set<string>([MAIN_TABLE.partitionKey, MAIN_TABLE.sortKey]);
  for (const g of MAIN_TABLE.globalSecondaryIndexes) { keys.add(g.partitionKey); keys.add(g.sortKey); }
  try {
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: MAIN_TABLE.partitionKey, KeyType: 'HASH' },
        { AttributeName: MAIN_TABLE.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: MAIN_TABLE.globalSecondaryIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [{ AttributeName: g.partitionKey, KeyType: 'HASH' }, { AttributeName: g.sortKey, KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      })),
    }));
    await client.send(new UpdateTimeToLiveCommand({
      TableName: tableName, TimeToLiveSpecification: { AttributeName: MAIN_TABLE.ttlAttribute, Enabled: true },
    }));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw err;
  }
}

export async function pingTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new DescribeTableCommand({ TableName: tableName }));
}
