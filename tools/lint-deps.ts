/**
 * `npm run lint:deps`: checks the dependency rules of .dependency-cruiser.cjs over the repository.
 * Through dependency-cruiser's API rather than its CLI: the CLI refuses Node 20 (engines ^22), the API runs on it.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration, type ICruiseResult } from 'dependency-cruiser';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LAYERS = ['shared', 'functions', 'web', 'infra', 'test', 'bench', 'tools'];

export interface RuleViolation { rule: string; from: string; to: string }

/** Cruises `layers` under `baseDir` (the repository, or a test's throw-away tree) with the repository's rules. */
export async function dependencyViolations(baseDir = REPO_ROOT, layers = LAYERS): Promise<RuleViolation[]> {
  const config = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as IConfiguration;
  const result = await cruise(layers, { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true });
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const violations = await dependencyViolations();
  for (const v of violations) console.error(`  ${v.rule}: ${v.from} → ${v.to}`);
  console.log(violations.length ? `${violations.length} dependency rule violation(s); rules in .dependency-cruiser.cjs` : 'dependency rules: no violations');
  process.exitCode = violations.length ? 1 : 0;
}
