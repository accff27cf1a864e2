/**
 * What each Lambda bundle leaves to run time, and that the files it reads there are in its asset: the contract
 * font and subset-font (with harfbuzz's wasm) for the PDF functions only; the seal adapter for the Seal task only.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_GOAL_BYTES, bundleGoal, CONTRACT_FONT, LAMBDA_NEEDS, LAMBDA_TASK_ROOT, SEAL_MODULE, LIST_PARSER_MODULE } from '../../infra/constructs/bundling.js';
import { bundleInMemory, type InMemoryBundle } from '../../infra/constructs/esbuild-bundle.js';
import { KedaiFunction } from '../../infra/constructs/kedai-function.js';
import { packageClosure } from '../../infra/constructs/package-closure.js';
import { deployedOpenApiDocument } from '../../infra/constructs/openapi-file.js';
import { OPENAPI_FILE } from '../../functions/api/api-functions.js';
import { LAMBDA_ENTRIES, LOCK_FILE, REPO_ROOT, type LambdaName } from '../../infra/repo-paths.js';

const NAMES = Object.keys(LAMBDA_ENTRIES) as LambdaName[];
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const sealFile = SEAL_MODULE.replace(/^\.\//, '');
const listParserFile = LIST_PARSER_MODULE.replace(/^\.\//, '');

describe('package closure from package-lock.json', () => {
  const lock = (packages: Record<string, unknown>) => {
    const file = join(mkdtempSync(join(tmpdir(), 'kedai-lock-')), 'package-lock.json');
    writeFileSync(file, JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...packages } }));
    return file;
  };

  it.each([
    ['a hoisted dependency', { 'node_modules/a': { dependencies: { b: '1' } }, 'node_modules/b': {} }, ['node_modules/a', 'node_modules/b']],
    ['a nested copy before the hoisted one, carried by its parent', {
      'node_modules/a': { dependencies: { b: '2' } }, 'node_modules/a/node_modules/b': { dependencies: { c: '1' } },
      'node_modules/b': {}, 'node_modules/c': {},
    }, ['node_modules/a', 'node_modules/c']],
    ['a missing optional dependency', { 'node_modules/a': { optionalDependencies: { gone: '1' } } }, ['node_modules/a']],
  ])('follows %s', (_name, packages, expected) => {
    expect(packageClosure(lock(packages), ['a'])).toEqual(expected);
  });

  it('refuses a required dependency the lock file lacks', () => {
    expect(() => packageClosure(lock({ 'node_modules/a': { dependencies: { gone: '1' } } }), ['a'])).toThrow(/no gone for node_modules\/a/);
  });

  it('finds every installed directory subset-font needs, harfbuzz included', () => {
    const dirs = packageClosure(LOCK_FILE, ['subset-font']);
    expect(dirs).toEqual(expect.arrayContaining(['node_modules/subset-font', 'node_modules/harfbuzzjs', 'node_modules/fontverter']));
    for (const dir of dirs) expect(existsSync(`${REPO_ROOT}/${dir}/package.json`), dir).toBe(true);
  });
});

describe('what each bundle leaves to run time', () => {
  const bundles = {} as Record<LambdaName, InMemoryBundle>;
  beforeAll(async () => {
    for (const b of await Promise.all(NAMES.map(bundleInMemory))) bundles[b.name] = b;
  });

  it('draws PDFs only in the contract and statement tasks (never the API), and seals only in the Seal task', () => {
    expect(NAMES.filter((n) => LAMBDA_NEEDS[n].pdf).sort()).toEqual(['applySignature', 'prepareContract', 'renderContract', 'renderStatement', 'seal']);
    expect(NAMES.filter((n) => LAMBDA_NEEDS[n].seal)).toEqual(['seal']);
  });

  it.each(NAMES)('%s imports at run time only Node built-ins, the AWS SDK, its shipped packages and, lazily, the seal and the list parser', (name) => {
    const { output, plan } = bundles[name];
    for (const imp of output.imports.filter((i) => i.external)) {
      if (BUILTINS.has(imp.path) || imp.path.startsWith('@aws-sdk/')) continue;
      if (imp.path.endsWith(sealFile) || imp.path.endsWith(listParserFile)) {
        // A static import of a module that is not shipped would fail the function at load.
        expect(imp.kind, `${name}: ${imp.path}`).toBe('dynamic-import');
        continue;
      }
      expect(plan.nodeModules, `${name} imports ${imp.path} at run time`).toContain(imp.path);
    }
  });

  it.each(NAMES)('%s carries exceljs exactly when it parses target lists', (name) => {
    const inputs = Object.keys(bundles[name].output.inputs);
    expect(inputs.some((p) => p.includes('node_modules/exceljs/'))).toBe(Boolean(LAMBDA_NEEDS[name].lists));
  });

  it.each(NAMES)('%s carries node-forge exactly when it seals', (name) => {
    const inputs = Object.keys(bundles[name].output.inputs);
    expect(inputs.some((p) => p.includes('node_modules/node-forge/'))).toBe(Boolean(LAMBDA_NEEDS[name].seal));
    expect(inputs.some((p) => p.endsWith(sealFile))).toBe(Boolean(LAMBDA_NEEDS[name].seal));
  });

  const drawsNoPdf = () => NAMES.filter((n) => !LAMBDA_NEEDS[n].pdf);

  it('keeps every function that does not draw PDFs free of PDF code', () => {
    expect(drawsNoPdf()).toEqual(expect.arrayContaining(['api', 'screen', 'recordDecision', 'loanCentreReview', 'disburse', 'redrive']));
    for (const name of drawsNoPdf()) {
      const inputs = Object.keys(bundles[name].output.inputs);
      expect(inputs.filter((p) => /node_modules\/(pdf-lib|@pdf-lib|subset-font)\//.test(p)), name).toEqual([]);
    }
  });

  it('keeps every function that neither draws PDFs nor parses lists, the three API functions first, within 300 KiB (issue 11)', () => {
    expect(BUNDLE_GOAL_BYTES).toBe(300 * 1024);
    for (const name of ['api', 'casework', 'admin'] as const) {
      expect(bundleGoal(LAMBDA_NEEDS[name]), name).toBe(300 * 1024);
      expect(bundles[name].codeBytes, name).toBeLessThanOrEqual(300 * 1024);
    }
    for (const name of drawsNoPdf().filter((n) => !LAMBDA_NEEDS[n].lists)) expect(bundleGoal(LAMBDA_NEEDS[name]), name).toBe(BUNDLE_GOAL_BYTES);
  });

  it.each(NAMES)('%s carries none of the in-memory composition (functions/memory-wiring.ts is for tests and benches)', (name) => {
    const inputs = Object.keys(bundles[name].output.inputs);
    expect(inputs.filter((p) => p.endsWith('functions/memory-wiring.ts'))).toEqual([]);
    // The local stack's movable clock is the one memory module the real composition uses (10 lines).
    expect(inputs.filter((p) => p.includes('functions/adapters/memory/') && !p.endsWith('functions/adapters/memory/clock.ts'))).toEqual([]);
  });

  it('carries head office\'s routes only in the admin function, and the application routes only in the casework function', () => {
    const carrying = (file: string) => NAMES.filter((n) => Object.keys(bundles[n].output.inputs).some((p) => p.endsWith(file))).sort();
    expect(carrying('functions/api/routes/admin.ts')).toEqual(['admin']);
    expect(carrying('functions/api/routes/target-lists.ts')).toEqual(['admin']);
    expect(carrying('functions/api/routes/applications.ts')).toEqual(['casework']);
    expect(carrying('functions/api/routes/auth.ts')).toEqual(['api']);
    expect(carrying('functions/api/routes/dev.ts')).toEqual([]);
  });

  it.each(NAMES)('%s stays within its goal (what bench/bundle-size.ts prints)', (name) => {
    expect(bundles[name].codeBytes).toBeLessThanOrEqual(bundleGoal(LAMBDA_NEEDS[name]));
  });
});

describe('the API function asset, bundled by CDK', () => {
  let assetDir: string;
  beforeAll(() => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'kedai-asset-')) });
    const stack = new Stack(app, 'ApiBundleCheck');
    const fn = new KedaiFunction(stack, 'Api', { lambda: 'api', stage: 'test', logRetention: RetentionDays.ONE_WEEK });
    expect(fn.bundle.openapi).toBe(true);
    const template = app.synth().getStackByName('ApiBundleCheck').template;
    const [resource] = Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Function') as any[];
    assetDir = join(app.outdir, `asset.${String(resource.Properties.Code.S3Key).replace(/\.zip$/, '')}`);
  }, 60_000);

  it('ships the whole app\'s OpenAPI document beside the bundle, where the function reads it', () => {
    const shipped = JSON.parse(readFileSync(join(assetDir, OPENAPI_FILE), 'utf8'));
    expect(shipped).toEqual(deployedOpenApiDocument('test'));
    expect(Object.keys(shipped.paths)).toEqual(expect.arrayContaining(['/api/admin/config', '/api/applications', '/api/loans']));
    expect(readdirSync(assetDir).sort()).toEqual(['index.mjs', 'index.mjs.map', OPENAPI_FILE].sort());
  });
});

describe('the Seal task asset, bundled by CDK', () => {
  let assetDir: string;
  let variables: Record<string, string>;
  beforeAll(() => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'kedai-asset-')) });
    const stack = new Stack(app, 'BundleCheck');
    const fn = new KedaiFunction(stack, 'Seal', { lambda: 'seal', stage: 'test', logRetention: RetentionDays.ONE_WEEK });
    const assembly = app.synth();
    const template = assembly.getStackByName('BundleCheck').template;
    const [resource] = Object.entries(template.Resources).filter(([, r]: any) => r.Type === 'AWS::Lambda::Function').map(([, r]) => r as any);
    variables = resource.Properties.Environment.Variables;
    const hash = String(resource.Properties.Code.S3Key).replace(/\.zip$/, '');
    assetDir = join(app.outdir, `asset.${hash}`);
    expect(fn.bundle.nodeModules).toEqual(['subset-font']);
  }, 60_000);

  it('holds the contract font where CONTRACT_FONT_PATH points, byte for byte, with its licence', () => {
    const inAsset = join(assetDir, variables[CONTRACT_FONT.envName].slice(`${LAMBDA_TASK_ROOT}/`.length));
    expect(readFileSync(inAsset).equals(readFileSync(`${REPO_ROOT}/${CONTRACT_FONT.files[0]}`))).toBe(true);
    expect(readdirSync(join(assetDir, CONTRACT_FONT.bundleDir)).sort()).toEqual(['LICENSE-wqy-microhei.txt', 'wqy-microhei-gbk.ttf']);
  });

  it('resolves subset-font and harfbuzz\'s wasm from the bundle and subsets the font with the asset alone', async () => {
    const require = createRequire(join(assetDir, 'index.mjs'));
    for (const id of ['subset-font', 'harfbuzzjs/dist/harfbuzz-subset.wasm']) expect(require.resolve(id), id).toContain(assetDir);
    const subsetFont = require('subset-font') as (font: Buffer, text: string, options: object) => Promise<Buffer>;
    const font = readFileSync(join(assetDir, CONTRACT_FONT.bundleDir, 'wqy-microhei-gbk.ttf'));
    const subset = await subsetFont(font, '借款合同 12', { targetFormat: 'sfnt' });
    expect(subset.length).toBeGreaterThan(0);
    expect(subset.length).toBeLessThan(font.length / 10);
  });

  it('ships a bundle and its source map beside the font and packages', () => {
    expect(statSync(join(assetDir, 'index.mjs')).size).toBeGreaterThan(0);
    expect(existsSync(join(assetDir, 'index.mjs.map'))).toBe(true);
  });
});
