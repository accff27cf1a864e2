/**
 * Bundles one Lambda entry in memory with the options `KedaiFunction` gives NodejsFunction, for the size bench
 * and the bundle tests (the CDK app itself bundles through NodejsFunction, not through this).
 */
import { build, type Metafile } from 'esbuild';
import { LAMBDA_ENTRIES, REPO_ROOT, type LambdaName } from '../repo-paths.js';
import { bundlePlan, LAMBDA_BUNDLING, LAMBDA_NEEDS, type BundlePlan } from './bundling.js';

export interface InMemoryBundle {
  name: LambdaName;
  entry: string;
  plan: BundlePlan;
  codeBytes: number;
  mapBytes: number;
  /** esbuild's account of the output: its inputs with their bytes, and the imports left to run time. */
  output: Metafile['outputs'][string];
}

export async function bundleInMemory(name: LambdaName): Promise<InMemoryBundle> {
  const entry = LAMBDA_ENTRIES[name];
  const plan = bundlePlan(LAMBDA_NEEDS[name]);
  const result = await build({
    entryPoints: [`${REPO_ROOT}/${entry}`],
    // NodejsFunction runs esbuild in the project root; `./` externals are matched from there.
    absWorkingDir: REPO_ROOT,
    bundle: true,
    write: false,
    outfile: `${REPO_ROOT}/.bundle/index.mjs`,
    format: LAMBDA_BUNDLING.format,
    platform: LAMBDA_BUNDLING.platform,
    target: LAMBDA_BUNDLING.target,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    external: plan.external,
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourcemap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    charset: LAMBDA_BUNDLING.charset,
    banner: { js: LAMBDA_BUNDLING.banner },
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs).find((o) => o.entryPoint)!;
  return {
    name, entry, plan, output,
    codeBytes: result.outputFiles.find((f) => f.path.endsWith('.mjs'))!.contents.byteLength,
    mapBytes: result.outputFiles.find((f) => f.path.endsWith('.map'))?.contents.byteLength ?? 0,
  };
}

/** Bytes in the output per package (`node_modules/<name>`) or, for our code, per top-level folder pair. */
export function bytesByPackage(output: InMemoryBundle['output']): Array<[string, number]> {
  const totals = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    totals.set(pkg, (totals.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}
