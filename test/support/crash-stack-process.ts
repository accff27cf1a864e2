/**
 * `npm start` for a test: the whole local stack, emulators included, on the data dir given, in a process of its own
 * so a test can kill it (and its emulators) with SIGKILL and start another on the same files.
 * Usage: node --import tsx test/support/crash-stack-process.ts <dataDir>; prints `LOG <line>` lines and `READY <url>`.
 */
import { startEmulators } from '../../functions/local/emulators.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('Give the data directory.');
const log = (line: string) => console.log(`LOG ${line}`);
// As npm start does: the emulators first, so the JVM boots while the app's modules load (seconds of CPU each).
const emulators = startEmulators({ dataDir, log });
emulators.catch(() => {});
const { startLocalStack } = await import('../../functions/local/stack.js');
const stack = await startLocalStack({ dataDir, port: 0, emulators, log });
console.log(`READY ${stack.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => { void stack.stop().then(() => process.exit(0), () => process.exit(1)); });
}
