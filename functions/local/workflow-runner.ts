/**
 * Runs the workflows' ASL files — the ones the CDK app deploys — in-process on aws-local-stepfunctions. Each Task
 * state's `${<Name>FunctionArn}` names its task in functions/workflow/registry.ts, as it names the Lambda in AWS.
 * Executions live in memory, so the store's INFLIGHT markers are the truth: `redrive()` restarts every marked
 * application that has no run in this process.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Deps, WorkflowKind, WorkflowStarter } from '../core/ports.js';
import type { Task } from '../workflow/define-task.js';
import { WORKFLOW_TASKS, type TaskName } from '../workflow/registry.js';

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

const workflowFile = (name: string) => fileURLToPath(new URL(`../../infra/workflows/${name}.asl.json`, import.meta.url));
export const DECISION_WORKFLOW_FILE = workflowFile('application-decision');
export const CONTRACT_WORKFLOW_FILE = workflowFile('contract-signing');
export const STATEMENT_WORKFLOW_FILE = workflowFile('loan-statement');
export const SERVICING_WORKFLOW_FILE = workflowFile('loan-servicing');
export const TARGET_LIST_WORKFLOW_FILE = workflowFile('target-list-import');

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

const WORKFLOW_FILES: Record<WorkflowKind, string> = {
  decision: DECISION_WORKFLOW_FILE, contract: CONTRACT_WORKFLOW_FILE, statement: STATEMENT_WORKFLOW_FILE, 'target-list': TARGET_LIST_WORKFLOW_FILE,
};

/** The run's input: an application's id, or an import's for the target-list workflow (as StepFunctionsStarter sends it). */
export const workflowInput = (kind: WorkflowKind, id: string): Record<string, string> => (kind === 'target-list' ? { importId: id } : { applicationId: id });

type StateDef = { Type: string; Resource?: string; ItemProcessor?: { States: Record<string, StateDef> }; Iterator?: { States: Record<string, StateDef> } };
/** Every state, those inside a Map's item processor included. */
function allStates(states: Record<string, StateDef>): [string, StateDef][] {
  return Object.entries(states).flatMap(([name, s]) => [[name, s] as [string, StateDef], ...allStates((s.ItemProcessor ?? s.Iterator)?.States ?? {})]);
}

/** Task state → registry name, read from the `${<Name>FunctionArn}` of each state's Resource. */
export function taskStates(file: string): Record<string, TaskName> {
  const states = (JSON.parse(readFileSync(file, 'utf8')) as { States: Record<string, StateDef> }).States;
  return Object.fromEntries(allStates(states).filter(([, s]) => s.Type === 'Task').map(([state, s]) => {
    const name = /^\$\{(\w+)FunctionArn\}$/.exec(s.Resource ?? '')?.[1];
    if (!name || !(name in WORKFLOW_TASKS)) throw new Error(`${file}: state ${state} names no task of functions/workflow/registry.ts (${s.Resource}).`);
    return [state, name as TaskName];
  }));
}

/**
 * The interpreter validates a definition on every construction: asl-validator builds and compiles its JSON schemas
 * anew each time, ~0.4 s of CPU per workflow, paid by every stack start and every test file's app. A definition that
 * passed once (same text, same validator) is remembered on disk, so only the first process after a change pays.
 */
const VALIDATED_DIR = join(tmpdir(), 'kedai-asl-validated');
const VALIDATOR_VERSION = (() => {
  try {
    const req = createRequire(createRequire(import.meta.url).resolve('aws-local-stepfunctions'));
    return (req('asl-validator/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();

export function stateMachine(definition: Record<string, unknown>): StateMachine {
  const validationOptions = { checkArn: true, checkPaths: true };
  const key = createHash('sha256').update(`${VALIDATOR_VERSION}\n${JSON.stringify(validationOptions)}\n${JSON.stringify(definition)}`).digest('hex');
  const marker = join(VALIDATED_DIR, key);
  if (existsSync(marker)) return new StateMachine(definition as never, { validationOptions: { ...validationOptions, noValidate: true } });
  // Throws on an invalid definition, so only a valid one is remembered.
  const machine = new StateMachine(definition as never, { validationOptions });
  try {
    mkdirSync(VALIDATED_DIR, { recursive: true });
    const tmp = `${marker}.${process.pid}`;
    writeFileSync(tmp, '');
    renameSync(tmp, marker);
  } catch { /* not remembered: the next process validates again */ }
  return machine;
}

type AnyTask = Task<never, unknown>;
const loaded = new Map<TaskName, Promise<AnyTask>>();

/** The task a registry entry's file exports (imported once, on first use). */
export function loadTask(name: TaskName): Promise<AnyTask> {
  let task = loaded.get(name);
  if (!task) {
    const url = new URL(`../workflow/${WORKFLOW_TASKS[name].file.replace(/\.ts$/, '.js')}`, import.meta.url);
    task = import(url.href).then((m: { task: AnyTask }) => {
      if (m.task?.name !== name) throw new Error(`${WORKFLOW_TASKS[name].file} must export the task named ${name}.`);
      return m.task;
    });
    loaded.set(name, task);
  }
  return task;
}

export class LocalWorkflowRunner implements WorkflowStarter {
  private readonly machines: Record<WorkflowKind, StateMachine>;
  private readonly states: Record<WorkflowKind, Record<string, TaskName>>;
  /** By run name; a contract run that prepares the PDF and one after signing may overlap. */
  private readonly running = new Map<string, { kind: WorkflowKind; applicationId: string; run: Promise<unknown> }>();
  private deps!: Deps;

  constructor(private readonly opts: LocalRunnerOptions = {}) {
    const machine = (kind: WorkflowKind) => stateMachine(loadDefinition(WORKFLOW_FILES[kind]));
    this.machines = { decision: machine('decision'), contract: machine('contract'), statement: machine('statement'), 'target-list': machine('target-list') };
    this.states = {
      decision: taskStates(DECISION_WORKFLOW_FILE), contract: taskStates(CONTRACT_WORKFLOW_FILE), statement: taskStates(STATEMENT_WORKFLOW_FILE), 'target-list': taskStates(TARGET_LIST_WORKFLOW_FILE),
    };
  }

  /** Deps are bound after construction because they include this runner. */
  bind(deps: Deps) {
    this.deps = deps;
    return this;
  }

  async start(kind: WorkflowKind, applicationId: string, runName = `${applicationId}-${kind}`): Promise<void> {
    if (this.running.has(runName)) return;
    const run = this.execute(kind, applicationId).finally(() => this.running.delete(runName));
    this.running.set(runName, { kind, applicationId, run });
  }

  private isRunning(kind: WorkflowKind, applicationId: string) {
    return [...this.running.values()].some((r) => r.kind === kind && r.applicationId === applicationId);
  }

  /** Resolves once every run started so far has finished (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.allSettled([...this.running.values()].map((r) => r.run));
  }

  /** Restarts runs for applications the store says are in flight but no run here is working on. */
  async redrive(): Promise<number> {
    const inflight = await this.deps.applications.listInflight();
    let started = 0;
    for (const { id, workflow } of inflight) {
      if (this.isRunning(workflow, id)) continue;
      await this.start(workflow, id);
      started++;
    }
    return started;
  }

  private async execute(kind: WorkflowKind, applicationId: string) {
    const { faultRate = 0, retryPauseMs = 25 } = this.opts;
    const states = this.states[kind];
    const handlers = Object.fromEntries(Object.entries(states).map(([state, name]) => [
      state,
      async (input: unknown) => {
        if (faultRate > 0 && Math.random() < faultRate) throw new TransientTaskError(`injected fault in ${state}`);
        // The interpreter passes the JSON the ASL's Parameters built; each task declares that shape.
        return (await (await loadTask(name)).run(this.deps, input as never)) as never;
      },
    ]));
    const retries = Object.fromEntries(Object.keys(states).map((s) => [s, [-1, retryPauseMs]]));
    try {
      const execution = this.machines[kind].run(workflowInput(kind, applicationId), {
        overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides: retries },
      });
      await execution.result;
    } catch (err) {
      // The INFLIGHT marker stays, so the next redrive picks the application up again.
      this.opts.log?.(`${kind} workflow run for ${applicationId} failed: ${(err as Error).message}`);
    }
  }
}
