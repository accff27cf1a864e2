import { bundleInMemory, bytesByPackage } from '/work/wt-infra/infra/constructs/esbuild-bundle.ts';
const name = (process.argv[2] ?? 'api') as any;
const b = await bundleInMemory(name);
console.log(name, (b.codeBytes/1024).toFixed(1), 'KiB');
for (const [p, n] of bytesByPackage(b.output).slice(0, 15)) console.log('  ', p, (n/1024).toFixed(1));
const files = Object.entries(b.output.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0, Number(process.argv[3] ?? 40));
for (const [p, i] of files) console.log('    ', (i.bytesInOutput/1024).toFixed(1), p);
