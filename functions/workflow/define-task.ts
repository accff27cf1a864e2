/**
 * A workflow task: one use case, named after the `${<Name>FunctionArn}` placeholder the ASL files give it.
 * Each task file exports `task = defineTask(...)` and `handler = lambdaHandler(task)`; registry.ts lists the files.
 */
import type { Config } from '../config.js';
import type { Deps } from '../core/ports.js';

/** Thrown for failures a retry cannot fix; the ASL's Retry skips it. */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export interface Task<I, O> {
  /** The registry key and the ASL placeholder `${<name>FunctionArn}`. */
  name: string;
  /** Cold-start work of the Lambda (font, wasm): run once before the first input, never by the local runner. */
  warm?(config: Config): Promise<void>;
  run(deps: Deps, input: I): Promise<O>;
}

export const defineTask = <I, O>(task: Task<I, O>): Task<I, O> => task;
