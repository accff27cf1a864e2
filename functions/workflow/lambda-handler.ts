/** Wraps a workflow task as a Lambda handler with dependencies wired once per cold start. */
import { warmUp } from '../../shared/decision.js';
import { loadConfig } from '../config.js';
import type { Deps } from '../core/ports.js';
import type { Task } from './define-task.js';

export function lambdaHandler<I, O>(task: Task<I, O>) {
  // Nothing at import: the local runner imports the same file for `task` and must not wire AWS clients.
  let ready: Promise<Deps> | undefined;
  const init = async () => {
    const config = loadConfig();
    // Imported here, not at the top: the local runner loads this file with every task, and the real composition
    // would bring the AWS SDK clients into every in-memory run (~25 MB). The Lambda bundle inlines it all the same.
    const { wire } = await import('../wiring.js');
    const deps = wire(config).deps;
    // Builds the population statistics once per cold start rather than inside a decision.
    warmUp();
    // A failed warm-up must not take the function down: the task then fails with its own error.
    await task.warm?.(config).catch((err) => console.error(`${task.name} warm-up failed`, err));
    return deps;
  };
  return async (input: I): Promise<O> => {
    ready ??= init().catch((err) => { ready = undefined; throw err; });
    return task.run(await ready, input);
  };
}
