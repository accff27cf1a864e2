/**
 * How every Lambda is bundled, as plain data so `bench/bundle-size.ts` bundles exactly the way the construct does.
 */
import { WORKFLOW_TASKS, type TaskEntry, type TaskName } from '../../functions/workflow/registry.js';
import { taskLambdaName, type LambdaName } from '../repo-paths.js';

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
  /**
   * Chinese text as UTF-8 (3 bytes a character) rather than esbuild's default \uXXXX escapes (6): the messages,
   * reasons and contract wording are mostly Chinese, and Node reads the bundle as UTF-8.
   */
  charset: 'utf8',
  banner: ESM_REQUIRE_BANNER,
} as const;

/** Where Lambda unpacks a function's code. */
export const LAMBDA_TASK_ROOT = '/var/task';

/** What a function's code loads at run time beyond its own bundle. */
export interface RuntimeNeeds {
  /** Renders contract PDFs: ships the contract font and `subset-font` as a package (it reads harfbuzz's wasm from node_modules). */
  pdf?: boolean;
  /** Seals contracts: bundles the seal adapter (node-forge, @signpdf). Every other function leaves it out. */
  seal?: boolean;
  /** Parses target lists: bundles the list parser (csv-parse, exceljs). Every other function leaves it out. */
  lists?: boolean;
  /** Serves the OpenAPI document of every API function: ships it beside the bundle, written at synth from the whole app. */
  openapi?: boolean;
}

/** The workflow tasks say what they need in their registry; the API streams stored PDFs and draws none. */
export const LAMBDA_NEEDS: Record<LambdaName, RuntimeNeeds> = {
  api: { openapi: true },
  casework: {},
  admin: {},
  ...Object.fromEntries((Object.keys(WORKFLOW_TASKS) as TaskName[]).map((task) => {
    const entry: TaskEntry = WORKFLOW_TASKS[task];
    return [taskLambdaName(task), { pdf: entry.pdf, seal: entry.seal, lists: entry.lists }];
  })) as Record<ReturnType<typeof taskLambdaName>, RuntimeNeeds>,
  redrive: {},
  postLoanMonitoring: {},
};

/**
 * Each bundle's goal for its own code (what a cold start loads; the font and shipped packages are apart):
 * 300 KiB, the API's three functions included; the few tasks that draw PDFs carry fontkit and pdf-lib (~1.3 MiB)
 * and get 2 MiB. Wave 2's routes took one API function to ~404 KiB (zod ~100 KiB, our use cases ~65 KiB, the
 * in-memory adapters 19 KiB); the in-memory composition left the Lambda bundles and the routes were split over
 * three functions (functions/api/api-functions.ts), each ≤ 300 KiB again.
 */
export const BUNDLE_GOAL_BYTES = 300 * 1024;
export const PDF_BUNDLE_GOAL_BYTES = 2048 * 1024;
// The list parser carries exceljs (~1 MiB): held to the PDF functions' goal, as it runs only on an import.
export const bundleGoal = (needs: RuntimeNeeds) => (needs.pdf || needs.lists ? PDF_BUNDLE_GOAL_BYTES : BUNDLE_GOAL_BYTES);

/** The contract font: read by functions/adapters/pdf/contract-font.ts, shipped beside the bundle with its licence. */
export const CONTRACT_FONT = {
  files: ['functions/assets/fonts/wqy-microhei-gbk.ttf', 'functions/assets/fonts/LICENSE-wqy-microhei.txt'],
  bundleDir: 'assets/fonts',
  /** The environment variable naming the font's path inside the function. */
  envName: 'CONTRACT_FONT_PATH',
  runtimePath: `${LAMBDA_TASK_ROOT}/assets/fonts/wqy-microhei-gbk.ttf`,
} as const;

/** Packages shipped whole (not bundled) to PDF functions: subset-font `require.resolve`s harfbuzz's wasm file. */
export const PDF_NODE_MODULES = ['subset-font'] as const;

/**
 * The seal adapter, imported lazily by functions/wiring.ts. esbuild inlines dynamic imports when it writes one
 * file, so a lazy import alone saves nothing; functions that cannot seal (no seal secret) mark it external.
 * Relative to the project root: esbuild matches `./` externals against resolved paths.
 */
export const SEAL_MODULE = './functions/adapters/seal/p12-seal.ts';
/** The target-list parser, imported lazily by its adapter; external (as the seal is) wherever lists are not parsed. */
export const LIST_PARSER_MODULE = './functions/adapters/target-list/parse-list.ts';

/** The esbuild externals, extra files and environment that follow from a function's needs. */
export interface BundlePlan {
  external: string[];
  /** Package names shipped under node_modules (with their dependencies). */
  nodeModules: string[];
  /** Repository-relative files copied into the asset, by directory inside the asset. */
  files: Array<{ from: string; toDir: string }>;
  environment: Record<string, string>;
  /** Ships the OpenAPI document (infra/constructs/openapi-file.ts) as `openapi.json` beside the bundle. */
  openapi: boolean;
}

export function bundlePlan(needs: RuntimeNeeds): BundlePlan {
  const plan: BundlePlan = { external: [...LAMBDA_BUNDLING.external], nodeModules: [], files: [], environment: {}, openapi: Boolean(needs.openapi) };
  if (needs.pdf) {
    plan.external.push(...PDF_NODE_MODULES);
    plan.nodeModules.push(...PDF_NODE_MODULES);
    plan.files.push(...CONTRACT_FONT.files.map((from) => ({ from, toDir: CONTRACT_FONT.bundleDir })));
    plan.environment[CONTRACT_FONT.envName] = CONTRACT_FONT.runtimePath;
  }
  if (!needs.seal) plan.external.push(SEAL_MODULE);
  if (!needs.lists) plan.external.push(LIST_PARSER_MODULE);
  return plan;
}
