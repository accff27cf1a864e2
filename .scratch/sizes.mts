import { bundleInMemory } from '/work/wt-infra/infra/constructs/esbuild-bundle.ts';
for (const n of process.argv.slice(2)) { const b = await bundleInMemory(n as any); console.log(n, (b.codeBytes/1024).toFixed(1), Object.keys(b.output.inputs).filter(p=>p.includes('adapters/memory')).join(' ')); }
