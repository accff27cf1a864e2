/**
 * The local emulators: each answers through the AWS SDK with an endpoint override, a persisted data dir
 * survives a restart, and no child (above all no JVM) outlives its parent.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ensureCognito } from '../../functions/local/cognito-setup.js';
import { DEFAULT_BUCKETS, startEmulators, type EmulatorEndpoints } from '../../functions/local/emulators.js';

const region = 'cn-north-1';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const dynamoClient = (endpoint: string) => new DynamoDBClient({ endpoint, region, credentials });
const s3Client = (endpoint: string) => new S3Client({
  endpoint, region, credentials, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED',
});

async function createTable(db: DynamoDBClient, TableName: string) {
  await db.send(new CreateTableCommand({
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  }));
}

async function getNote(db: DynamoDBClient, TableName: string, pk: string) {
  const { Item } = await db.send(new GetItemCommand({ TableName, Key: { pk: { S: pk } }, ConsistentRead: true }));
  return Item?.note?.S;
}

async function answers(url: string) {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(500) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

async function waitUntilSilent(endpoints: EmulatorEndpoints, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const alive = (await Promise.all([endpoints.dynamodb, endpoints.cognito].map(answers))).some(Boolean);
    if (!alive) return;
    if (Date.now() > until) throw new Error(`emulators still answering ${timeoutMs} ms after their parent went away`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tempDirs: string[] = [];
async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), 'kedai-emulators-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => { await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true }))); });

describe('the shared emulators of the test run', () => {
  const endpoints = inject('endpoints');

  it('listen on loopback only', () => {
    for (const url of Object.values(endpoints)) expect(new URL(url).hostname).toBe('127.0.0.1');
  });

  it('DynamoDB Local creates a table and reads back what was put', async () => {
    const db = dynamoClient(endpoints.dynamodb);
    const table = `emulators-${randomUUID().slice(0, 8)}`;
    await createTable(db, table);
    await db.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'a' }, note: { S: '科贷 ¥300,000' } } }));
    expect(await getNote(db, table, 'a')).toBe('科贷 ¥300,000');
    expect(await getNote(db, table, 'missing')).toBeUndefined();
  });

  it('s3rver stores an object byte for byte', async () => {
    const s3 = s3Client(endpoints.s3);
    const Bucket = `emulators-${randomUUID().slice(0, 8)}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    const body = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x10]);
    await s3.send(new PutObjectCommand({ Bucket, Key: 'docs/a.pdf', Body: body, ContentType: 'application/pdf' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/a.pdf' }));
    expect(got.ContentType).toBe('application/pdf');
    expect(await got.Body!.transformToByteArray()).toEqual(body);
  });

  it.each([
    { origin: 'http://localhost:8080', allowed: true },
    { origin: 'http://127.0.0.1:5173', allowed: true },
    { origin: 'https://evil.example', allowed: false },
  ])('the document buckets answer a browser PUT preflight from $origin: allowed=$allowed', async ({ origin, allowed }) => {
    const res = await fetch(`${endpoints.s3}/${DEFAULT_BUCKETS[0]}/some/key.pdf`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    await res.arrayBuffer();
    expect(res.ok).toBe(allowed);
    if (allowed) {
      expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
    }
  });
});

// Each of these starts its own emulators, a JVM apiece: on two cores they are quicker one after another.
describe('startEmulators on its own data dir', () => {
  it('keeps DynamoDB items, S3 objects and the Cognito pool across a restart, and stop() stops them all', async ({ expect }) => {
    const dataDir = await tempDir();
    const table = 'persisted';
    const users = [{ username: 'persist@demo.kedai', groups: ['applicant'], password: 'Kedai-demo-2026!' }];

    const first = await startEmulators({ dataDir });
    let firstPool;
    try {
      await createTable(dynamoClient(first.endpoints.dynamodb), table);
      await dynamoClient(first.endpoints.dynamodb).send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'k' }, note: { S: 'survives' } } }));
      await s3Client(first.endpoints.s3).send(new PutObjectCommand({ Bucket: DEFAULT_BUCKETS[0], Key: 'kept.txt', Body: 'kept' }));
      firstPool = await ensureCognito({ endpoint: first.endpoints.cognito, users });
    } finally {
      await first.stop();
    }
    expect(await answers(first.endpoints.dynamodb)).toBe(false);
    expect(await answers(first.endpoints.cognito)).toBe(false);

    const second = await startEmulators({ dataDir });
    try {
      expect(await getNote(dynamoClient(second.endpoints.dynamodb), table, 'k')).toBe('survives');
      const obj = await s3Client(second.endpoints.s3).send(new GetObjectCommand({ Bucket: DEFAULT_BUCKETS[0], Key: 'kept.txt' }));
      expect(await obj.Body!.transformToString()).toBe('kept');
      const writes: string[] = [];
      expect(await ensureCognito({ endpoint: second.endpoints.cognito, users, log: (l) => writes.push(l) })).toEqual(firstPool);
      expect(writes).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start without Java and says how to install it', async ({ expect }) => {
    await expect(startEmulators({ dataDir: await tempDir(), javaCommand: '/nonexistent/bin/java' }))
      .rejects.toThrow(/apt-get install -y default-jre-headless/);
  });

  // The parent runs in its own process and prints the endpoints; then it is stopped the polite or the hard
  // way, or it handles the signal itself by exiting (as `npm start` does after its own clean-up).
  it.for([
    { signal: 'SIGTERM', handler: '', label: 'and has no handler' },
    { signal: 'SIGKILL', handler: '', label: '' },
    { signal: 'SIGINT', handler: "process.on('SIGINT', () => process.exit(0));", label: 'and exits from its own handler' },
  ] as const)('its children die when the parent gets $signal $label', async ({ signal, handler }, { expect }) => {
    const dataDir = await tempDir();
    const module = new URL('../../functions/local/emulators.ts', import.meta.url).href;
    const script = `
      const { startEmulators } = await import(${JSON.stringify(module)});
      const { endpoints } = await startEmulators({ dataDir: ${JSON.stringify(dataDir)}, inMemory: true });
      ${handler}
      console.log(JSON.stringify(endpoints));
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => parent.once('exit', () => resolve()));
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: parent.stdout! }).once('line', resolve);
        parent.once('exit', (code) => reject(new Error(`parent exited with ${code} before starting the emulators`)));
      });
      const endpoints = JSON.parse(line) as EmulatorEndpoints;
      expect(await answers(endpoints.dynamodb)).toBe(true);
      parent.kill(signal);
      await exited;
      await waitUntilSilent(endpoints, 8000);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
