/**
 * cognito-local (stormdb) used to rewrite a whole pool's JSON file in place on every write: a kill -9 mid-write left
 * it empty or torn, and cognito-local then refused to start at all. Saves are now atomic (cognito-atomic-writes.cjs),
 * so what a crash leaves is an unrenamed temporary file, a save never acknowledged: it is removed. A pool file torn
 * before that (an older .data/) still moves to `<quarantine>/`; the stack's ensureCognito then re-creates the pool
 * (found by name, so a new pool id is fine) and the demo accounts.
 */
import { mkdir, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export async function quarantineBrokenCognitoFiles(dbDir: string, quarantineDir: string, log: (line: string) => void = () => {}): Promise<string[]> {
  let files: string[];
  try {
    const all = await readdir(dbDir);
    await Promise.all(all.filter((f) => f.endsWith('.tmp')).map((f) => rm(join(dbDir, f), { force: true })));
    files = all.filter((f) => f.endsWith('.json'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const moved: string[] = [];
  for (const f of files) {
    try {
      const parsed = JSON.parse(await readFile(join(dbDir, f), 'utf8'));
      if (parsed && typeof parsed === 'object' && Object.keys(parsed).length) continue;
    } catch { /* torn: quarantine */ }
    await mkdir(quarantineDir, { recursive: true });
    await rename(join(dbDir, f), join(quarantineDir, f));
    moved.push(f);
  }
  if (moved.length) log(`cognito-local: moved ${moved.length} half-written file(s) to ${quarantineDir}: ${moved.join(', ')}; the pool and demo accounts are seeded again`);
  return moved;
}
