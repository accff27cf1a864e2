/** Wraps a workflow task as a Lambda handler with dependencies wired once per cold start. */
import { warmUp } from '../../shared/decision.js';
import { loadConfig } from '../config.js';
import type { Deps } from '../core/ports.js';
import { wire } from '../wiring.js';

let deps: Deps | undefined;

export function lambdaTask<I, O>(task: (deps: Deps, input: I) => Promise<O>) {
  return async (input: I): Promise<O> => {
    if (!deps) {
      deps = wire(loadConfig()).deps;
      // Builds the population statistics once per cold start rather than inside a decision.
      warmUp();
    }
    return task(deps, input);
  };
}
