/**
 * After `vite build web`: renders the front page and sign-in into their own HTML files, so the first paint needs
 * no script (Lighthouse's LCP is the prerendered heading), and keeps the bare shell as app.html for every other
 * client-side route. The server side of it is a throwaway SSR build of web/src/prerender-entry.tsx.
 *   dist/index.html          `/`, prerendered
 *   dist/sign-in/index.html  `/sign-in`, prerendered
 *   dist/app.html            the shell the other routes fall back to (functions/local/stack.ts, infra web-stack)
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';
import solid from 'vite-plugin-solid';
import { firstLoadOf } from '../bench/support/first-load.js';
import { INLINE_STYLES_FILE, type InlineStyles } from '../functions/local/web-build.js';

const PRELOAD = /\s*<link rel="modulepreload"[^>]*>/g;
const STYLESHEET = /<link rel="stylesheet"[^>]*\shref="\/([^"]+\.css)"[^>]*>/;

const root = fileURLToPath(new URL('../web', import.meta.url));
const dist = join(root, 'dist');
const ssrOut = join(root, '.prerender');

export async function prerenderPages(): Promise<string[]> {
  await build({
    root, configFile: false, logLevel: 'warn',
    plugins: [solid({ ssr: true })],
    ssr: { noExternal: true },
    build: { ssr: 'src/prerender-entry.tsx', outDir: ssrOut, emptyOutDir: true, target: 'node20' },
  });
  const entry = await import(pathToFileURL(join(ssrOut, 'prerender-entry.js')).href) as typeof import('../web/src/prerender-entry.js');
  // Run again over its own output, the shell is the app.html it kept.
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const shell = (index.includes('data-prerendered') ? await readFile(join(dist, 'app.html'), 'utf8') : index).replace(PRELOAD, '');
  if (!shell.includes('<div id="root"></div>')) throw new Error('web/dist/index.html has no empty #root: build it with vite first.');
  // The prerendered pages fetch the app only after their first paint (web/src/index.ts); every other route starts
  // it at once, so its shell preloads the app's chunks beside the boot entry instead of a round trip after it.
  const boot = shell.match(/<script type="module"[^>]*\ssrc="\/([^"]+)"/)?.[1];
  const preloads = firstLoadOf(dist, shell, 'index.html').files.filter((f) => f.file !== boot)
    .map((f) => `    <link rel="modulepreload" crossorigin href="/${f.file}">\n`).join('');
  await writeFile(join(dist, 'app.html'), shell.replace('  </head>', `${preloads}  </head>`));
  // The prerendered pages carry the stylesheet inline: the first paint then waits for no second request (LCP on a
  // phone's slow link). The CSP allows it by its hash (functions/local/web-build.ts); the other routes keep the link.
  const sheet = shell.match(STYLESHEET);
  if (!sheet) throw new Error('web/dist/index.html links no stylesheet.');
  const css = (await readFile(join(dist, sheet[1]), 'utf8')).trim();
  if (/<\/style/i.test(css)) throw new Error(`${sheet[1]} cannot be inlined: it contains "</style".`);
  const styles: InlineStyles = { hashes: [`sha256-${createHash('sha256').update(css).digest('base64')}`] };
  await writeFile(join(dist, INLINE_STYLES_FILE), `${JSON.stringify(styles)}\n`);
  const written: string[] = [];
  for (const url of entry.PRERENDERED) {
    // The CSP allows no inline script: the SPA sets up what solid's hydration script would (web/src/main.tsx).
    const markup = entry.prerender(url).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    // No link kept, not even a disabled one: Chromium fetches that at the highest priority, beside the first paint.
    // (The app's first lazy chunk fetches the file once more, after the paint: vite's loader looks for the link.)
    const html = shell.replace(sheet[0], () => `<style>${css}</style>`)
      .replace('<div id="root"></div>', () => `<div id="root" data-prerendered="${url}">${markup}</div>`);
    const file = url === '/' ? join(dist, 'index.html') : join(dist, url.slice(1), 'index.html');
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, html);
    written.push(file);
  }
  await rm(ssrOut, { recursive: true, force: true });
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = await prerenderPages();
  console.log(`prerendered ${files.map((f) => f.slice(dist.length)).join(', ')}`);
}
