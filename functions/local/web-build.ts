/**
 * What the web build leaves for the servers of the SPA: the CSP sources of the stylesheet tools/prerender-web.ts
 * inlines into the prerendered pages (a hash, as the CSP allows no 'unsafe-inline'). Read by the local stack on
 * every response (a rebuild changes it) and by infra at synth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const INLINE_STYLES_FILE = 'inline-styles.json';

export interface InlineStyles { hashes: string[] }

/** The `style-src` sources for the inlined styles, e.g. `'sha256-…'`; none when the SPA is not built. */
export function inlineStyleSources(dist: string): string[] {
  try {
    const { hashes } = JSON.parse(readFileSync(join(dist, INLINE_STYLES_FILE), 'utf8')) as InlineStyles;
    return hashes.map((h) => `'${h}'`);
  } catch {
    return [];
  }
}
