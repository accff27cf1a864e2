/**
 * The direction of dependencies (issue 11, item 7): `npm run lint:deps`, run by `npm test`.
 * test/deps/dependency-rules.test.ts breaks each rule in a throw-away tree and expects it reported.
 */

// Builtins that do I/O or read the environment or the clock: shared/ takes those values as arguments.
const IMPURE_BUILTINS = '^(node:)?(fs|process|child_process|net|http|https|http2|dgram|dns|tls|os|cluster|worker_threads|readline|vm|perf_hooks|timers|inspector|repl|v8)(/|$)';
// Packages that tie code to a runtime: AWS, the HTTP framework, the UI framework.
const RUNTIME_PACKAGES = '(^|/)node_modules/(@aws-sdk|@smithy|hono|@hono|solid-js|@solidjs)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'shared/ is the domain: no SDK, no Hono, no Solid, no I/O builtins, nothing from the layers around it.',
      from: { path: '^shared/' },
      to: { path: [IMPURE_BUILTINS, RUNTIME_PACKAGES, '^(functions|web|infra|test|bench)/'] },
    },
    {
      name: 'web-imports-only-shared',
      severity: 'error',
      comment: 'The SPA reaches the server over HTTP only; it may import the server\'s route type (see web-server-types-only).',
      from: { path: '^web/', pathNot: '^web/vite\\.config\\.ts$' },
      to: { pathNot: ['^(web|shared)/', '(^|/)node_modules/', '^functions/api/app\\.ts$'] },
    },
    {
      name: 'web-server-types-only',
      severity: 'error',
      comment: 'web/ may `import type { AppType }` from functions/api/app.ts, never a value (it would bundle the server).',
      from: { path: '^web/' },
      to: { path: '^functions/api/app\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'use-cases-import-ports',
      severity: 'error',
      comment: 'Use cases depend on functions/core (ports among it) and shared/, never on adapters or the API.',
      from: { path: '^functions/core/use-cases/' },
      to: {
        path: '^(functions|infra|web|test|bench)/',
        pathNot: [
          '^functions/core/',
        ],
      },
    },
    {
      name: 'functions-not-infra',
      severity: 'error',
      comment: 'Runtime code does not import the CDK app; infra imports functions (handler paths, the table definition).',
      from: { path: '^functions/' },
      to: { path: '^(infra|web|test|bench)/' },
    },
    {
      name: 'infra-not-web-test-bench',
      severity: 'error',
      from: { path: '^infra/' },
      to: { path: '^(web|test|bench)/' },
    },
    {
      name: 'bench-not-test',
      severity: 'error',
      comment: 'Shared helpers live in bench/support/, which the tests import too.',
      from: { path: '^bench/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Not node_modules here: an excluded module's edges vanish, and shared/ -> @aws-sdk would pass unseen.
    exclude: { path: '^(cdk\\.out|web/dist)/' },
    // Type-only imports are dependencies too (and what web-server-types-only tells apart).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Resolve subpath exports (`hono/client`) as Node does; unresolved, a package import matches no path rule.
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types'] },
  },
};
