/** `npm run bench`: runs every benchmark script in turn and lets each print its own figures. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const scripts = ['domain.ts', 'target-list.ts', 'contract.ts', 'stack.ts', 'load.ts', 'servicing.ts', 'bundle-size.ts', 'lighthouse.ts', 'journey.ts'];
let failed = 0;
for (const script of scripts) {
  const file = fileURLToPath(new URL(script, import.meta.url));
  if (!existsSync(file)) { console.log(`\n## ${script}: not present`); continue; }
  console.log(`\n## ${script}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', file], { stdio: 'inherit' });
  if (run.status !== 0) { failed++; console.log(`(${script} exited with ${run.status})`); }
}
process.exit(failed ? 1 : 0);
