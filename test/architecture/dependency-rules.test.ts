/**
 * Each dependency rule of .dependency-cruiser.cjs can fail (`npm run lint:deps` holds the repository to them):
 * a throw-away tree breaks every rule once and every rule must be reported. shared/'s reads of the
 * environment and the clock are invisible to dependency-cruiser, so a source scan holds those.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyViolations, REPO_ROOT } from '../../tools/lint-deps.js';

const RULES = (createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);

/** Each file breaks (or, marked OK, keeps) one rule. */
const BROKEN_TREE: Record<string, string> = {
  'shared/sdk.ts': "import { S3Client } from '@aws-sdk/client-s3';\nexport const c = S3Client;\n",
  'shared/hono.ts': "import { Hono } from 'hono';\nexport const h = Hono;\n",
  // A subpath export, which the resolver must follow to see it is Hono.
  'shared/hono-client.ts': "import { hc } from 'hono/client';\nexport const c = hc;\n",
  'shared/solid.ts': "import { createSignal } from 'solid-js';\nexport const s = createSignal;\n",
  'shared/fs.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'shared/layer.ts': "import { port } from '../functions/core/ports.js';\nexport const p = port;\n",
  'shared/pure.ts': "import { createHash } from 'node:crypto';\nimport * as z from 'zod';\nexport const ok = [createHash, z];\n", // OK
  'shared/cycle-a.ts': "import { b } from './cycle-b.js';\nexport const a = () => b;\n",
  'shared/cycle-b.ts': "import { a } from './cycle-a.js';\nexport const b = () => a;\n",
  'web/src/types.ts': "import type { AppType } from '../../functions/api/app.js';\nexport type T = AppType;\n", // OK
  'web/src/value.ts': "import { app } from '../../functions/api/app.js';\nexport const v = app;\n",
  'web/src/core.ts': "import { port } from '../../functions/core/ports.js';\nexport const v = port;\n",
  'web/src/own.ts': "import { a } from '../../shared/cycle-a.js';\nimport { createSignal } from 'solid-js';\nexport const v = [a, createSignal];\n", // OK
  'functions/api/app.ts': "export const app = { routes: [] };\nexport type AppType = typeof app;\n",
  'functions/core/ports.ts': 'export const port = 1;\n',
  'functions/core/use-cases/apply.ts': "import { store } from '../../adapters/s3/store.js';\nimport { port } from '../ports.js';\nexport const u = [store, port];\n",
  'functions/core/use-cases/contract.ts': "import { pdf } from '../../adapters/pdf/contract-pdf.js';\nexport const u = pdf;\n",
  'functions/adapters/pdf/contract-pdf.ts': 'export const pdf = 1;\n',
  'functions/adapters/s3/store.ts': "import { table } from '../../../infra/schema.js';\nexport const store = table;\n",
  'infra/schema.ts': "import { helper } from '../test/helper.js';\nimport { store } from '../functions/adapters/s3/store.js';\nexport const table = [helper, store];\n",
  'bench/load.ts': "import { helper } from '../test/helper.js';\nexport const b = helper;\n",
  'test/helper.ts': "import { b } from '../bench/load.js';\nexport const helper = () => b;\n", // OK (tests may import bench)
};

describe('dependency rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kedai-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('report every rule when a tree breaks it', async () => {
    for (const [file, text] of Object.entries(BROKEN_TREE)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
    const found = (await dependencyViolations(dir, ['shared', 'functions', 'web', 'infra', 'test', 'bench']))
      .map((v) => `${v.rule}: ${v.from} -> ${v.to.replace(/^.*node_modules\//, '')}`);
    const has = (rule: string, from: string, to: string) => found.some((f) => f.startsWith(`${rule}: ${from} -> ${to}`));

    for (const [from, to] of [['shared/sdk.ts', '@aws-sdk/'], ['shared/hono.ts', 'hono/'], ['shared/hono-client.ts', 'hono/'], ['shared/solid.ts', 'solid-js/'], ['shared/fs.ts', 'fs'], ['shared/layer.ts', 'functions/core/ports.ts']]) {
      expect(has('shared-is-pure', from, to), `${from} -> ${to} in\n${found.join('\n')}`).toBe(true);
    }
    expect(has('web-server-types-only', 'web/src/value.ts', 'functions/api/app.ts')).toBe(true);
    expect(has('web-imports-only-shared', 'web/src/core.ts', 'functions/core/ports.ts')).toBe(true);
    expect(has('use-cases-import-ports', 'functions/core/use-cases/apply.ts', 'functions/adapters/s3/store.ts')).toBe(true);
    expect(has('use-cases-import-ports', 'functions/core/use-cases/contract.ts', 'functions/adapters/pdf/contract-pdf.ts')).toBe(true);
    expect(has('functions-not-infra', 'functions/adapters/s3/store.ts', 'infra/schema.ts')).toBe(true);
    expect(has('infra-not-web-test-bench', 'infra/schema.ts', 'test/helper.ts')).toBe(true);
    expect(has('bench-not-test', 'bench/load.ts', 'test/helper.ts')).toBe(true);
    expect(has('no-circular', 'shared/cycle-a.ts', 'shared/cycle-b.ts')).toBe(true);
    expect(new Set(found.map((f) => f.split(':')[0]))).toEqual(new Set(RULES));

    // What the rules allow: a type-only import of the server's routes, pure builtins, tests importing bench.
    const allowed = ['web/src/types.ts', 'web/src/own.ts', 'shared/pure.ts', 'test/helper.ts'];
    expect(found.filter((f) => allowed.some((a) => f.includes(` ${a} ->`)) && !f.startsWith('no-circular'))).toEqual([]);
  }, 120_000);
});

/** Reads of the environment or the clock, which shared/ takes as arguments instead. */
export function impureReads(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  const patterns = [/\bprocess\.env\b/, /\bDate\.now\s*\(/, /\bnew\s+Date\s*\(\s*\)/, /\bperformance\.now\s*\(/];
  return patterns.filter((p) => p.test(code)).map((p) => p.source);
}

describe('shared/ reads no environment and no clock', () => {
  it('finds such reads when they are there', () => {
    expect(impureReads('const t = Date.now();')).toHaveLength(1);
    expect(impureReads('const d = new Date ( );\nconst e = process.env.X;')).toHaveLength(2);
    expect(impureReads("const d = new Date('2026-01-01'); // Date.now() is not used\n/* process.env */")).toEqual([]);
  });

  it('has none in shared/**/*.ts', () => {
    const root = join(REPO_ROOT, 'shared');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) => impureReads(readFileSync(join(root, f), 'utf8')).map((p) => `${relative(REPO_ROOT, join(root, f))}: ${p}`));
    expect(found).toEqual([]);
  });
});
