/** Builds web/dist when this checkout has none yet (the stack serves it; `npm test` builds it first). Used by the browser tests and bench/lighthouse.ts. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url));

export async function ensureWebBuild() {
  if (existsSync(join(WEB_ROOT, 'dist', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  // As `npm run build:web` does: the front page and sign-in prerendered into their HTML.
  const { prerenderPages } = await import('../../tools/prerender-web.js');
  await prerenderPages();
}
