/**
 * The one DynamoDB table definition. The CDK stack (infra/stacks/stateful-stack.ts) and the local stack both build
 * from it, so keys and indexes cannot drift between AWS and a developer's machine. It lives beside the adapter
 * because runtime code must not import infra/ (infra may import functions/).
 *
 * Single table, access patterns:
 *  - application by id:                 pk=APP#<id>            sk=APP
 *  - an application's documents:        pk=APP#<id>            sk=DOC#<documentId>
 *  - an application's event log:        pk=APP#<id>            sk=EVT#<seq 8 digits>
 *  - an owner's applications:           gsi1pk=OWNER#<ownerId>  gsi1sk=<createdAt>#<id>
 *  - a branch's queue by status, age:   gsi2pk=BRANCH#<code>    gsi2sk=<status>#<updatedAt>#<id>
 *  - idempotency keys:                  pk=IDEM#<ownerId>#<key> sk=IDEM
 *  - in-flight workflow runs:           pk=INFLIGHT             sk=<applicationId>
 *  - staff directory, branch load:      pk=STAFF#<username> / pk=BRANCH#<code>
 *  - local outbox:                      pk=OUTBOX#<to>          sk=<at>#<id>
 *  - account codes, limits, sessions:   pk=ACODE#<username> / LIMIT#<key> / SESSION#<id> (account-store.ts)
 */
export const MAIN_TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type TableDefinition = typeof MAIN_TABLE;
