import { build } from '/work/main/node_modules/esbuild/lib/main.js';
import { bundlePlan, LAMBDA_NEEDS } from '/work/wt-infra/infra/constructs/bundling.ts';
const R = '/work/wt-infra';
const plan = bundlePlan(LAMBDA_NEEDS.api);
const r = await build({ entryPoints: [`${R}/functions/api/lambda.ts`], absWorkingDir: R, bundle: true, write: false, outfile: `${R}/.b/index.mjs`, format: 'esm', platform: 'node', target: 'node24', mainFields: ['module','main'], external: plan.external, minify: true, metafile: true, logLevel: 'silent' });
const out = Object.values(r.metafile.outputs).find(o => o.entryPoint)!;
const inputs = r.metafile.inputs;
const size = (p: string) => out.inputs[p]?.bytesInOutput ?? 0;
const always = ['adapters/memory', 'adapters/registry/local-registry', 'adapters/negative-list'];
const routes = ['admin','target-lists','leads','dev','dev-loans','staff','loans','enterprises','contract','applications','auth'].map(n => `functions/api/routes/${n}.ts`);
function fn(keep: string[]) {
  const seen = new Set<string>(); const st = ['functions/api/lambda.ts'];
  while (st.length) { const p = st.pop()!; if (seen.has(p)) continue; seen.add(p);
    for (const i of inputs[p]?.imports ?? []) { const t = i.path; if (!t || !inputs[t]) continue;
      if (always.some(a => t.includes(a))) continue;
      if (routes.includes(t) && !keep.some(k => t.endsWith(`/${k}.ts`))) continue; st.push(t); } }
  return [...seen].reduce((s, p) => s + size(p), 0) / 1024;
}
for (const set of process.argv.slice(2)) console.log(fn(set.split(',')).toFixed(1).padStart(6), set);
