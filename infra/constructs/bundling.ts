/**
 * How every Lambda is bundled, as plain data so `bench/bundle-size.ts` bundles exactly the way the construct does.
 */

/** Node 24 Lambda runs ESM natively; the banner gives CommonJS dependencies that call `require` one to call. */
export const ESM_REQUIRE_BANNER =
  "import { createRequire as __kedaiCreateRequire } from 'node:module'; const require = __kedaiCreateRequire(import.meta.url);";

export const LAMBDA_BUNDLING = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  /** Prefer packages' ES module builds so esbuild can drop what a handler never calls. */
  mainFields: ['module', 'main'],
  /** The Node.js 24 runtime ships AWS SDK v3; bundling it would add megabytes and pin an old copy. */
  external: ['@aws-sdk/*'],
  minify: true,
  /** Source maps without sources: stack traces name our files and lines, the map stays small. */
  sourcemap: true,
  sourcesContent: false,
  banner: ESM_REQUIRE_BANNER,
} as const;
