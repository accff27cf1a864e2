/**
 * s3rver writes an object as `<name>._S3rver_object`, then `<name>._S3rver_metadata.json`, non-atomically: a kill -9
 * between or during those writes leaves a group it cannot read (an empty metadata file made the bucket answer 500
 * for good). Such a write was never acknowledged, so at start its files move to `<quarantine>/` instead of failing.
 */
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

const MARK = '._S3rver_';

export async function quarantineBrokenS3Files(s3Dir: string, quarantineDir: string, log: (line: string) => void = () => {}): Promise<string[]> {
  let files: string[];
  try {
    files = (await readdir(s3Dir, { recursive: true, encoding: 'utf8' })).filter((f) => f.includes(MARK));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const groups = new Map<string, string[]>();
  for (const f of files) {
    const stem = f.slice(0, f.lastIndexOf(MARK));
    groups.set(stem, [...(groups.get(stem) ?? []), f.slice(stem.length + MARK.length)]);
  }
  const moved: string[] = [];
  for (const [stem, parts] of groups) {
    if (!(await broken(join(s3Dir, stem + MARK), parts))) continue;
    for (const part of parts) {
      const from = join(s3Dir, stem + MARK + part);
      const to = join(quarantineDir, relative(s3Dir, from));
      await mkdir(dirname(to), { recursive: true });
      await rename(from, to);
      moved.push(relative(s3Dir, from));
    }
  }
  if (moved.length) log(`s3rver: moved ${moved.length} half-written file(s) to ${quarantineDir}: ${moved.join(', ')}`);
  return moved;
}

async function broken(prefix: string, parts: string[]): Promise<boolean> {
  const hasObject = parts.includes('object');
  const hasMetadata = parts.includes('metadata.json');
  if (hasObject !== hasMetadata) return true;
  if (hasMetadata) {
    try { JSON.parse(await readFile(prefix + 'metadata.json', 'utf8')); } catch { return true; }
  }
  for (const xml of parts.filter((p) => p.endsWith('.xml'))) {
    if (!(await readFile(prefix + xml, 'utf8')).trim()) return true;
  }
  return false;
}
