/**
 * The SPA build: `vite build web` → web/dist, served by the API on the same origin (/api).
 * In dev, `npx vite web` proxies /api to the local stack on :8080.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  // Hydratable output: the SPA adopts the prerendered front page and sign-in (tools/prerender-web.ts, src/main.tsx).
  plugins: [solid({ ssr: true })],
  // The form validates with the shared zod schemas, which live outside web/.
  server: {
    fs: { allow: [repo] },
    proxy: { '/api': { target: process.env.KEDAI_API ?? 'http://localhost:8080', changeOrigin: true } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every script is an external module file: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
});
