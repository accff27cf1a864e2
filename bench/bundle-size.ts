/**
 * Bundles every Lambda entry the way `infra/constructs/kedai-function.ts` does (same esbuild options) and
 * prints each bundle's size against the 300 KiB goal. Run: `npx tsx bench/bundle-size.ts`.
 * A missing entry is reported, not fatal; the exit code is 1 if any entry is missing or over the goal.
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { LAMBDA_BUNDLING } from '../infra/constructs/bundling.js';
import { LAMBDA_ENTRIES, REPO_ROOT } from '../infra/repo-paths.js';

const GOAL_BYTES = 300 * 1024;
const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

let failed = false;
const rows: string[][] = [];
for (const [name, entry] of Object.entries(LAMBDA_ENTRIES)) {
  if (!existsSync(`${REPO_ROOT}/${entry}`)) {
    rows.push([name, entry, 'missing', '', 'MISSING']);
    failed = true;
    continue;
  }
  try {
    const result = await build({
      entryPoints: [`${REPO_ROOT}/${entry}`],
      absWorkingDir: REPO_ROOT,
      bundle: true,
      write: false,
      outfile: 'index.mjs',
      format: LAMBDA_BUNDLING.format,
      platform: LAMBDA_BUNDLING.platform,
      target: LAMBDA_BUNDLING.target,
      mainFields: [...LAMBDA_BUNDLING.mainFields],
      external: [...LAMBDA_BUNDLING.external],
      minify: LAMBDA_BUNDLING.minify,
      sourcemap: LAMBDA_BUNDLING.sourcemap,
      sourcesContent: LAMBDA_BUNDLING.sourcesContent,
      banner: { js: LAMBDA_BUNDLING.banner },
      metafile: true,
      logLevel: 'silent',
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents.byteLength;
    const map = result.outputFiles.find((f) => f.path.endsWith('.map'))?.contents.byteLength ?? 0;
    // The largest inputs explain a big bundle at a glance.
    const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
    const top = Object.entries(output.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 3)
      .map(([path, i]) => `${path.replace(/^node_modules\//, '')} ${kib(i.bytesInOutput)}`).join('; ');
    const over = code > GOAL_BYTES;
    failed ||= over;
    rows.push([name, entry, kib(code), kib(map), over ? `OVER (${top})` : 'ok']);
  } catch (err) {
    failed = true;
    rows.push([name, entry, 'error', '', (err as Error).message.split('\n')[0]]);
  }
}

const header = ['function', 'entry', 'bundle', 'source map', `≤ ${kib(GOAL_BYTES)}`];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
console.log(line(header));
for (const row of rows) console.log(line(row));
process.exitCode = failed ? 1 : 0;
