/**
 * Bundles every Lambda entry the way `infra/constructs/kedai-function.ts` does (same esbuild options, same
 * externals per function) and prints each bundle's size against its goal (infra/constructs/bundling.ts: 300 KiB,
 * the three API functions included; 2 MiB for the tasks that draw PDFs or parse lists), what the function ships
 * beside it (font, node_modules, the API's OpenAPI document), and the largest packages in any bundle over the goal.
 * Run: `npx tsx bench/bundle-size.ts`. It reports; the exit code is 1 only if an entry is missing or fails.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocumentFile } from '../infra/constructs/openapi-file.js';
import { packageClosure } from '../infra/constructs/package-closure.js';
import { bundleGoal, LAMBDA_NEEDS } from '../infra/constructs/bundling.js';
import { bundleInMemory, bytesByPackage } from '../infra/constructs/esbuild-bundle.js';
import { LAMBDA_ENTRIES, LOCK_FILE, REPO_ROOT, type LambdaName } from '../infra/repo-paths.js';

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function sizeOf(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(path).reduce((sum, child) => sum + sizeOf(join(path, child)), 0);
}

let failed = false;
const rows: string[][] = [];
const details: string[] = [];
const names = Object.keys(LAMBDA_ENTRIES) as LambdaName[];
const results = await Promise.allSettled(names.map(async (name) => {
  if (!existsSync(`${REPO_ROOT}/${LAMBDA_ENTRIES[name]}`)) throw new Error('missing entry');
  return bundleInMemory(name);
}));
results.forEach((result, i) => {
  const name = names[i];
  if (result.status === 'rejected') {
    failed = true;
    rows.push([name, LAMBDA_ENTRIES[name], 'error', '', '', '', (result.reason as Error).message.split('\n')[0]]);
    return;
  }
  const b = result.value;
  const shipped = b.plan.files.reduce((sum, f) => sum + sizeOf(`${REPO_ROOT}/${f.from}`), 0)
    + packageClosure(LOCK_FILE, b.plan.nodeModules).reduce((sum, dir) => sum + sizeOf(`${REPO_ROOT}/${dir}`), 0)
    + (b.plan.openapi ? sizeOf(openApiDocumentFile('bench')) : 0);
  const goal = bundleGoal(LAMBDA_NEEDS[name]);
  const over = b.codeBytes > goal;
  rows.push([name, b.entry, kib(b.codeBytes), kib(b.mapBytes), shipped ? kib(shipped) : '-', `≤ ${kib(goal)}`, over ? 'OVER' : 'ok']);
  if (over) {
    const top = bytesByPackage(b.output).slice(0, 5).map(([pkg, bytes]) => `${pkg} ${kib(bytes)}`).join('; ');
    details.push(`${name}: ${top}`);
  }
});

const header = ['function', 'entry', 'bundle', 'source map', 'shipped beside', 'goal', 'within'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
if (details.length > 0) {
  console.log('\nlargest packages in bundles over the goal:');
  for (const d of details) console.log(`  ${d}`);
}
process.exitCode = failed ? 1 : 0;
