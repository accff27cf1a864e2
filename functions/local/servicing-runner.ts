/**
 * Runs the daily servicing workflow (infra/workflows/loan-servicing.asl.json, the file the CDK app would deploy)
 * in-process on aws-local-stepfunctions, with every Task state (those inside the Map too) bound to its task in
 * functions/workflow/registry.ts: for the bench and the local stack, the same chunks AWS would run.
 */
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Deps } from '../core/ports.js';
import { WORKFLOW_TASKS, type TaskName } from '../workflow/registry.js';
import { SERVICING_WORKFLOW_FILE, loadDefinition, loadTask } from './workflow-runner.js';

type State = { Type: string; Resource?: string; Iterator?: { States: Record<string, State> }; ItemProcessor?: { States: Record<string, State> } };

/** Task state → registry name, looking inside Map iterators. */
function tasksIn(states: Record<string, State>, out: Record<string, TaskName> = {}): Record<string, TaskName> {
  for (const [name, s] of Object.entries(states)) {
    if (s.Type === 'Task') {
      const task = /^\$\{(\w+)FunctionArn\}$/.exec(s.Resource ?? '')?.[1];
      if (!task || !(task in WORKFLOW_TASKS)) throw new Error(`${SERVICING_WORKFLOW_FILE}: state ${name} names no registered task.`);
      out[name] = task as TaskName;
    }
    const inner = s.Iterator ?? s.ItemProcessor;
    if (inner) tasksIn(inner.States, out);
  }
  return out;
}

export async function runServicingWorkflow(deps: Deps, date: string): Promise<unknown> {
  const states = tasksIn((JSON.parse(readFileSync(SERVICING_WORKFLOW_FILE, 'utf8')) as { States: Record<string, State> }).States);
  const handlers = Object.fromEntries(Object.entries(states).map(([state, name]) => [
    state, async (input: unknown) => (await (await loadTask(name)).run(deps, input as never)) as never,
  ]));
  const machine = new StateMachine(loadDefinition(SERVICING_WORKFLOW_FILE) as never, { validationOptions: { checkArn: true, checkPaths: true } });
  const execution = machine.run({ date }, { overrides: { taskResourceLocalHandlers: handlers } });
  return execution.result;
}
