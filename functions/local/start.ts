/** `npm start`: the whole portal on http://localhost:8080 (PORT overrides) with demo data; Ctrl-C stops everything. */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { BRANCHES } from '../../shared/divisions.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { startEmulators } from './emulators.js';

const started = performance.now();
const port = Number(process.env.PORT ?? 8080);
const log = (line: string) => console.log(`  · ${line}`);
const dataDir = fileURLToPath(new URL('../../.data', import.meta.url));
// The emulators first: the JVM boots while the app's modules (the AWS SDK, Hono, the ASL interpreter) load.
const emulators = startEmulators({ dataDir, log });
emulators.catch(() => {});
const { startLocalStack } = await import('./stack.js');
const stack = await startLocalStack({ port, dataDir, emulators, log });
const seconds = ((performance.now() - started) / 1000).toFixed(1);

console.log(`
Kedai (科贷) is running at ${stack.url}   (ready in ${seconds} s)

Demo accounts, all with password ${DEMO_PASSWORD}
  applicants       applicant@demo.kedai, applicant2@demo.kedai, each the verified owner of one demo enterprise:
${stack.demoEnterprises.map((e) => `                   ${e.username}: ${e.name} (${e.creditCode})`).join('\n')}
                   more registry firms to verify: GET /api/dev/enterprises?kind=strong&unclaimed=true
  branch staff     am.<branch>@demo.kedai (account manager), rm.<branch>@demo.kedai (risk manager), ap.<branch>@demo.kedai (approver)
                   branches: ${BRANCHES.map((b) => b.code).join(', ')}
  head office      hq@demo.kedai
  committee        cm1@demo.kedai, cm2@demo.kedai, cm3@demo.kedai

Watch a loan's life: POST ${stack.url}/api/dev/clock {"advanceDays": 30} moves the clock a month and runs each day's
  debits, days past due, reclassification, reminders and monitoring; POST /api/dev/core-banking/balance
  {"creditCode", "balance": 0} empties a repayment account so the next debit fails; POST /api/dev/signals
  {"creditCode", "kind": "court-case", "detail"} records an outside signal. The clock keeps how far it was
  moved across restarts (.data/clock/).

Data lives in .data/ (delete it for a clean start). Ctrl-C stops every service.
`);

// `npm run dev`: Vite's hot-reloading dev server in front, proxying /api to this stack.
let vite: { close(): Promise<void> } | undefined;
if (process.argv.includes('--dev')) {
  const { createServer } = await import('vite');
  const server = await createServer({
    configFile: new URL('../../web/vite.config.ts', import.meta.url).pathname,
    server: { proxy: { '/api': { target: stack.url, changeOrigin: true } } },
  });
  await server.listen();
  vite = server;
  console.log(`Hot-reloading SPA: ${server.resolvedUrls?.local[0] ?? 'http://localhost:5173'} (API at ${stack.url})\n`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping Kedai…');
    Promise.all([vite?.close(), stack.stop()]).then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
  });
}
