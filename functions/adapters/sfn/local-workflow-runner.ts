/**
 * Runs the decision workflow's ASL file — the one the CDK app deploys — in-process on aws-local-stepfunctions,
 * with the task functions plugged in by state name. Executions live in memory, so the store's INFLIGHT markers
 * are the truth: `redrive()` restarts every marked application that has no run in this process.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Deps, WorkflowKind, WorkflowStarter } from '../../core/ports.js';
import { CONTRACT_TASKS_BY_STATE } from '../../workflow/contract-states.js';
import { TASKS_BY_STATE } from '../../workflow/tasks.js';

// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node 20 lacks; without it every Task fails.
if (!(Promise as { withResolvers?: unknown }).withResolvers) {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
      return { promise, resolve, reject };
    },
  });
}

const workflowFile = (name: string) => fileURLToPath(new URL(`../../../infra/workflows/${name}.asl.json`, import.meta.url));
export const DECISION_WORKFLOW_FILE = workflowFile('application-decision');
export const CONTRACT_WORKFLOW_FILE = workflowFile('contract-signing');

/** Same substitutions as the CDK app, with local placeholder ARNs. */
export function loadDefinition(file = DECISION_WORKFLOW_FILE): Record<string, unknown> {
  const text = readFileSync(file, 'utf8').replace(/\$\{(\w+)FunctionArn\}/g, (_, name: string) =>
    `arn:aws:lambda:cn-north-1:000000000000:function:kedai-local-${name.toLowerCase()}`);
  return JSON.parse(text);
}

export class TransientTaskError extends Error {
  override name = 'TransientError';
}

export interface LocalRunnerOptions {
  /** Probability in [0,1] that a task attempt fails before doing anything (fault injection). */
  faultRate?: number;
  /** Pause between retries, in ms; the ASL's seconds-scale backoff is for AWS. */
  retryPauseMs?: number;
  log?: (line: string) => void;
}

type Task = (deps: Deps, input: never) => Promise<unknown>;

const WORKFLOWS: Record<WorkflowKind, { file: string; tasks: Record<string, Task> }> = {
  decision: { file: DECISION_WORKFLOW_FILE, tasks: TASKS_BY_STATE },
  contract: { file: CONTRACT_WORKFLOW_FILE, tasks: CONTRACT_TASKS_BY_STATE },
};

export class LocalWorkflowRunner implements WorkflowStarter {
  private readonly machines: Record<WorkflowKind, StateMachine>;
  private readonly running = new Map<string, Promise<unknown>>();
  private deps!: Deps;

  constructor(private readonly opts: LocalRunnerOptions = {}) {
    const machine = (kind: WorkflowKind) =>
      new StateMachine(loadDefinition(WORKFLOWS[kind].file) as never, { validationOptions: { checkArn: true, checkPaths: true } });
    this.machines = { decision: machine('decision'), contract: machine('contract') };
  }

  /** Deps are bound after construction because they include this runner. */
  bind(deps: Deps) {
    this.deps = deps;
    return this;
  }

  async start(kind: WorkflowKind, applicationId: string): Promise<void> {
    const key = `${kind}:${applicationId}`;
    if (this.running.has(key)) return;
    const run = this.execute(kind, applicationId).finally(() => this.running.delete(key));
    this.running.set(key, run);
  }

  /** Resolves once every run started so far has finished (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()]);
  }

  /** Restarts runs for applications the store says are in flight but no run here is working on. */
  async redrive(): Promise<number> {
    const inflight = await this.deps.applications.listInflight();
    let started = 0;
    for (const { id, workflow } of inflight) {
      if (this.running.has(`${workflow}:${id}`)) continue;
      await this.start(workflow, id);
      started++;
    }
    return started;
  }

  private async execute(kind: WorkflowKind, applicationId: string) {
    const { faultRate = 0, retryPauseMs = 25 } = this.opts;
    const { tasks } = WORKFLOWS[kind];
    const handlers = Object.fromEntries(Object.entries(tasks).map(([state, task]) => [
      state,
      async (input: unknown) => {
        if (faultRate > 0 && Math.random() < faultRate) throw new TransientTaskError(`injected fault in ${state}`);
        // The interpreter passes the JSON the ASL's Parameters built; each task declares that shape.
        return (await task(this.deps, input as never)) as never;
      },
    ]));
    const retries = Object.fromEntries(Object.keys(tasks).map((s) => [s, [-1, retryPauseMs]]));
    try {
      const execution = this.machines[kind].run({ applicationId }, {
        overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retries },
      });
      await execution.result;
    } catch (err) {
      // The INFLIGHT marker stays, so the next redrive picks the application up again.
      this.opts.log?.(`${kind} workflow run for ${applicationId} failed: ${(err as Error).message}`);
    }
  }
}
