/**
 * A local stack in a process of its own, on emulators that are already running, so a test can kill it
 * (SIGKILL: no shutdown, runs lost mid-step) and start another on the same table.
 * Usage: node --import tsx test/hardening/stack-process.ts '<LocalStackOptions as JSON>'; prints `READY <url>`.
 */
import { startLocalStack, type LocalStackOptions } from '../../functions/local/stack.js';

const opts = JSON.parse(process.argv[2] ?? '{}') as LocalStackOptions;
const stack = await startLocalStack({ ...opts, port: 0 });
console.log(`READY ${stack.url}`);
