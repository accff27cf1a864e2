/**
 * cognito-local's pool files: saved atomically and in order, so concurrent saves and a kill mid-save leave one
 * whole save; what an older crash tore is quarantined at start, and an unrenamed temporary file is removed.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { quarantineBrokenCognitoFiles } from '../../functions/local/cognito-repair.js';

const require = createRequire(import.meta.url);
const { makeAtomic } = require('../../functions/local/cognito-atomic-writes.cjs') as { makeAtomic(engine: unknown): void };
type Engine = { write(data: unknown): Promise<void> | null };
type EngineClass = new (path: string, opts: { async: boolean }) => Engine;
/** A fresh copy of stormdb's engine class each time, so patching one leaves the other as shipped. */
function freshEngine(): EngineClass {
  const path = require.resolve('stormdb/src/engine/local.js', { paths: [require.resolve('cognito-local/package.json')] });
  delete require.cache[path];
  return require(path) as EngineClass;
}

const dir = mkdtempSync(join(tmpdir(), 'kedai-cognito-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Saves of shrinking size fired at once, as concurrent sign-ups do: the file must be the last one, whole. */
async function burst(Engine: EngineClass, file: string) {
  const engine = new Engine(file, { async: true });
  const saves = Array.from({ length: 40 }, (_, i) => ({ users: 'x'.repeat((40 - i) * 5000), n: i }));
  await Promise.all(saves.map((s) => engine.write(s)));
  return readFileSync(file, 'utf8');
}

describe('pool saves', () => {
  it('end as the last save, whole, when many are fired at once', async () => {
    const Engine = freshEngine();
    makeAtomic(Engine);
    const text = await burst(Engine, join(dir, 'atomic.json'));
    expect(JSON.parse(text).n).toBe(39);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('as shipped, interleave into a file that is no save at all (why the patch exists)', async () => {
    // A race, so a few tries: here it tore every one of 20.
    let torn = 0;
    for (let i = 0; i < 5 && !torn; i++) {
      const text = await burst(freshEngine(), join(dir, `shipped-${i}.json`));
      try { JSON.parse(text); } catch { torn++; }
    }
    expect(torn).toBeGreaterThan(0);
  });
});

describe('at start', () => {
  it('removes unrenamed temporary files, quarantines torn pools, keeps whole ones', async () => {
    const db = join(dir, 'db');
    mkdirSync(db, { recursive: true });
    writeFileSync(join(db, 'clients.json'), '{"Clients":{}}');
    writeFileSync(join(db, 'pool-a.json'), '{"Users":{"a@x.cn":{}}}');
    writeFileSync(join(db, 'pool-b.json'), '{"Users":{"b@');
    writeFileSync(join(db, 'pool-c.json'), '');
    writeFileSync(join(db, 'pool-a.json.123.7.tmp'), '{"Users":{"a@x.cn":{},"half');
    const moved = await quarantineBrokenCognitoFiles(db, join(dir, 'quarantine'));
    expect(moved.sort()).toEqual(['pool-b.json', 'pool-c.json']);
    expect(readdirSync(db).sort()).toEqual(['clients.json', 'pool-a.json']);
    expect(existsSync(join(dir, 'quarantine', 'pool-b.json'))).toBe(true);
    expect(await quarantineBrokenCognitoFiles(db, join(dir, 'quarantine'))).toEqual([]);
  });
});
