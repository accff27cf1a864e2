import { bundleInMemory } from '/work/wt-infra/infra/constructs/esbuild-bundle.ts';
const name = (process.argv[2] ?? 'api') as any;
const b = await bundleInMemory(name);
console.log(name, (b.codeBytes/1024).toFixed(1), 'KiB');
const t = new Map<string, number>();
for (const [p, i] of Object.entries(b.output.inputs)) {
  let k = p.includes('node_modules') ? p.replace(/.*node_modules\//,'nm/').split('/').slice(0, p.includes('/zod/')||p.includes('/hono/') ? 4 : 2).join('/') : p.split('/').slice(0, 3).join('/');
  t.set(k, (t.get(k) ?? 0) + i.bytesInOutput);
}
for (const [k, n] of [...t].sort((a,b)=>b[1]-a[1]).slice(0, 50)) console.log((n/1024).toFixed(1).padStart(7), k);
