import { build } from '/work/main/node_modules/esbuild/lib/main.js';
import { bundlePlan, LAMBDA_BUNDLING, LAMBDA_NEEDS } from '/work/wt-infra/infra/constructs/bundling.ts';
const R = '/work/wt-infra';
const plan = bundlePlan(LAMBDA_NEEDS.api);
const r = await build({ entryPoints: [`${R}/functions/api/lambda.ts`], absWorkingDir: R, bundle: true, write: false, outfile: `${R}/.b/index.mjs`, format: 'esm', platform: 'node', target: 'node24', mainFields: ['module','main'], external: plan.external, minify: true, metafile: true, logLevel: 'silent' });
const out = Object.values(r.metafile.outputs).find(o => o.entryPoint)!;
const inputs = r.metafile.inputs;
const size = (p: string) => out.inputs[p]?.bytesInOutput ?? 0;
function reach(cut: (from: string, to: string) => boolean) {
  const seen = new Set<string>(); const st = ['functions/api/lambda.ts'];
  while (st.length) { const p = st.pop()!; if (seen.has(p)) continue; seen.add(p); for (const i of inputs[p]?.imports ?? []) if (i.path && inputs[i.path] && !cut(p, i.path)) st.push(i.path); }
  return [...seen].reduce((s, p) => s + size(p), 0);
}
const full = reach(() => false);
const sets: Record<string, (f: string, t: string) => boolean> = {};
const cuts = process.argv.slice(2);
for (const c of cuts) { const parts = c.split('+'); sets[c] = (f, t) => parts.some(x => t.includes(x)); }
sets.all = (f, t) => cuts.flatMap(c => c.split('+')).some(x => t.includes(x));
console.log('full', (full/1024).toFixed(1));
for (const [k, fn] of Object.entries(sets)) console.log(k, '-', ((full - reach(fn))/1024).toFixed(1));
if (process.env.LIST) {
  const parts = cuts.flatMap(c => c.split('+'));
  const seen = new Set<string>(); const st = ['functions/api/lambda.ts'];
  while (st.length) { const p = st.pop()!; if (seen.has(p)) continue; seen.add(p); for (const i of inputs[p]?.imports ?? []) if (i.path && inputs[i.path] && !parts.some(x => i.path.includes(x))) st.push(i.path); }
  for (const p of [...seen].sort((a,b)=>size(b)-size(a)).slice(0, Number(process.env.LIST))) console.log((size(p)/1024).toFixed(1).padStart(6), p);
}
