/**
 * What the first load of a built page fetches before the app runs: the HTML's module script and modulepreloads,
 * every chunk they import statically, and the chunks the entry script imports dynamically (the boot entry's
 * `import('./main')`, which is the app itself); lazy pages imported from inside the app are not followed.
 * Sizes are gzip level 9, as the goal is stated (bench/lighthouse.ts). Used by test/web/first-load.test.ts, and by tools/prerender-web.ts for the shell's modulepreloads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FirstLoad { files: { file: string; bytes: number; gzip: number }[]; gzip: number; css: number }

const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w*{}\s,$]*?\s*from\s*)?["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;

export function firstLoad(dist: string, htmlFile: string): FirstLoad {
  return firstLoadOf(dist, readFileSync(join(dist, htmlFile), 'utf8'), htmlFile);
}

/** The same for HTML in hand (tools/prerender-web.ts, before it writes the shell). */
export function firstLoadOf(dist: string, html: string, htmlFile = 'the HTML'): FirstLoad {
  const entries = [...html.matchAll(/<script type="module"[^>]*\ssrc="\/([^"]+)"/g)].map((m) => m[1]);
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*\shref="\/([^"]+)"/g)].map((m) => m[1]);
  // What the page's styles cost: the stylesheets it links and those inline.
  const css = [...html.matchAll(/<link rel="stylesheet"[^>]*\shref="\/([^"]+)"/g)].map((m) => readFileSync(join(dist, m[1])));
  css.push(...[...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => Buffer.from(m[1])));
  if (entries.length === 0) throw new Error(`${htmlFile}: no module script`);
  const seen = new Set<string>();
  const visit = (file: string, followDynamic: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    const resolve = (rel: string) => new URL(rel, `http://x/${dir}`).pathname.slice(1);
    for (const m of code.matchAll(STATIC_IMPORT)) visit(resolve(m[1]), false);
    if (followDynamic) for (const m of code.matchAll(DYNAMIC_IMPORT)) visit(resolve(m[1]), false);
  };
  for (const e of entries) visit(e, true);
  for (const p of preloads) visit(p, false);
  const files = [...seen].map((file) => {
    const body = readFileSync(join(dist, file));
    return { file, bytes: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength };
  });
  return {
    files,
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    css: css.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).byteLength, 0),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = new URL('../../web/dist/', import.meta.url).pathname;
  for (const page of ['index.html', 'sign-in/index.html']) {
    const f = firstLoad(dist, page);
    console.log(`${page}: JS ${(f.gzip / 1024).toFixed(1)} KiB gzip in ${f.files.length} files, CSS ${(f.css / 1024).toFixed(1)} KiB gzip`);
    for (const file of f.files) console.log(`  ${file.file}  ${(file.bytes / 1024).toFixed(1)} KiB, ${(file.gzip / 1024).toFixed(1)} KiB gzip`);
  }
}
