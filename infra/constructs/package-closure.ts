/**
 * The installed directories a package needs at run time, read from package-lock.json. Synth copies these from the
 * repository's node_modules instead of letting NodejsFunction's `nodeModules` run `npm ci` in the asset: that
 * needs the registry (the lock file omits tarball URLs), and synth must work offline with the versions tests ran.
 */
import { readFileSync } from 'node:fs';

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  dev?: boolean;
}

/**
 * Lock-file paths (`node_modules/a`, `node_modules/a/node_modules/b`) of `roots` and every run-time dependency,
 * resolved the way Node does: the nearest `node_modules/<dep>` walking up from the dependent. A path inside
 * another listed path is left out, since copying the outer directory brings it along.
 */
export function packageClosure(lockFile: string, roots: readonly string[]): string[] {
  const packages = (JSON.parse(readFileSync(lockFile, 'utf8')) as { packages: Record<string, LockPackage> }).packages;
  const found = new Set<string>();
  const visit = (from: string, name: string, optional: boolean) => {
    const path = resolve(packages, from, name);
    if (!path) {
      if (optional) return;
      throw new Error(`package-lock.json has no ${name} for ${from || 'the project'}: run npm install.`);
    }
    if (found.has(path)) return;
    found.add(path);
    const entry = packages[path];
    for (const dep of Object.keys(entry.dependencies ?? {})) visit(path, dep, false);
    for (const dep of Object.keys(entry.optionalDependencies ?? {})) visit(path, dep, true);
  };
  for (const root of roots) visit('', root, false);
  const all = [...found].sort();
  return all.filter((p) => !all.some((outer) => outer !== p && p.startsWith(`${outer}/`)));
}

function resolve(packages: Record<string, LockPackage>, from: string, name: string): string | undefined {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (!dir) return undefined;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}
