/**
 * `npm run verify-chain -- <applicationId>` against the local stack's data: checks that the application's
 * append-only event log is intact (each event carries the hash of the one before).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoApplicationStore } from '../adapters/dynamodb/application-store.js';
import { verifyChain } from '../core/event-chain.js';

const [id] = process.argv.slice(2);
if (!id) {
  console.error('Usage: npm run verify-chain -- <applicationId>   (TABLE_NAME and DYNAMODB_ENDPOINT select the table)');
  process.exit(2);
}
const client = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'cn-north-1',
  ...(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
});
const repo = new DynamoApplicationStore(client, process.env.TABLE_NAME ?? 'kedai-local');
const result = verifyChain(await repo.events(id));
if (result.ok) console.log(`${id}: event chain intact (${result.count} events)`);
else console.error(`${id}: event ${result.seq} ${result.problem}`);
process.exit(result.ok ? 0 : 1);
