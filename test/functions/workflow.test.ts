import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  CONTRACT_WORKFLOW_FILE, DECISION_WORKFLOW_FILE, loadDefinition, loadTask, SERVICING_WORKFLOW_FILE, STATEMENT_WORKFLOW_FILE, taskStates, TARGET_LIST_WORKFLOW_FILE,
} from '../../functions/local/workflow-runner.js';
import { WORKFLOW_TASKS, type TaskName } from '../../functions/workflow/registry.js';
import { startLocalStack } from '../../functions/local/stack.js';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';

describe('the workflow definitions and the task registry', () => {
  it('are the ASL files the CDK app deploys, and every Task state names a registered task', async () => {
    const def = loadDefinition() as { States: Record<string, { Type: string; Resource?: string }> };
    expect(DECISION_WORKFLOW_FILE).toMatch(/infra\/workflows\/application-decision\.asl\.json$/);
    const states = taskStates(DECISION_WORKFLOW_FILE);
    expect(Object.keys(states).sort()).toEqual(Object.entries(def.States).filter(([, s]) => s.Type === 'Task').map(([name]) => name).sort());
    // The three record states share one task (one Lambda in AWS).
    expect(new Set([states.AutoApprove, states.AutoReject, states.HandOffToBranch])).toEqual(new Set(['RecordDecision']));
    expect(() => new StateMachine(def as never)).not.toThrow();
    expect(() => new StateMachine(loadDefinition(CONTRACT_WORKFLOW_FILE) as never)).not.toThrow();
  });

  it('has a file per registered task exporting the task by its name and its Lambda handler, each used by a workflow', async () => {
    const files = [DECISION_WORKFLOW_FILE, CONTRACT_WORKFLOW_FILE, STATEMENT_WORKFLOW_FILE, SERVICING_WORKFLOW_FILE, TARGET_LIST_WORKFLOW_FILE];
    const used = new Set(files.flatMap((f) => Object.values(taskStates(f))));
    for (const name of Object.keys(WORKFLOW_TASKS) as TaskName[]) {
      expect(used.has(name), `${name} is in no ASL file`).toBe(true);
      expect((await loadTask(name)).name).toBe(name);
      const mod = await import(/* @vite-ignore */ `../../functions/workflow/${WORKFLOW_TASKS[name].file.replace(/\.ts$/, '.js')}`);
      expect(typeof mod.handler, name).toBe('function');
    }
  });
});

describe('running the workflow with injected faults', () => {
  const api = useLocalStack({ faultRate: 0.5 });

  it('still decides every application when half the task attempts fail', async () => {
    const token = await api.token('applicant@demo.kedai');
    const ids = await Promise.all(Array.from({ length: 6 }, async () => applyAndSubmit(api, token, await strongApplication(api, token, '410100'))));
    // Runs that exhaust their retries are re-driven; drive them here instead of waiting for the 15 s timer.
    const until = Date.now() + 30_000;
    const decided = new Map<string, string>();
    while (decided.size < ids.length && Date.now() < until) {
      await api.stack.wired.localRunner!.redrive();
      await api.stack.wired.localRunner!.idle();
      for (const id of ids) {
        const res = await api.call('GET', `/api/applications/${id}`, { token });
        if (res.body.decision) decided.set(id, res.body.status);
      }
    }
    expect([...decided.values()]).toEqual(ids.map(() => 'approved'));
    expect(await api.stack.wired.deps.applications.listInflight()).toEqual([]);
    for (const id of ids) {
      const events = (await api.call('GET', `/api/applications/${id}`, { token })).body.events;
      expect(events.filter((e: { type: string }) => e.type.startsWith('decision-'))).toHaveLength(1);
    }
  });
});

describe('restarting the stack mid-flight', () => {
  it('re-drives an application that was submitted but not decided before the stop', async () => {
    const tableName = `kedai-restart-${randomUUID().slice(0, 8)}`;
    const common = { port: 0, endpoints: inject('endpoints'), cognito: inject('cognito'), tableName };
    // First life: every task attempt fails, so the run gives up and leaves the application in flight.
    const first = await startLocalStack({ ...common, faultRate: 1 });
    const call = async (stack: typeof first, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${stack.url}${path}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
      return { status: res.status, body: await res.json() as any };
    };
    const token = (await call(first, 'POST', '/api/auth/sign-in', undefined, { username: 'applicant@demo.kedai', password: 'Kedai-demo-2026!' })).body.accessToken;
    const api1 = { stack: first, call: (m: string, p: string, o: any = {}) => call(first, m, p, o.token, o.body, o.headers), token: async () => token };
    const id = await applyAndSubmit(api1 as never, token, await strongApplication(api1 as never, token, '410300'));
    await first.wired.localRunner!.idle();
    expect((await call(first, 'GET', `/api/applications/${id}`, token)).body.status).toBe('submitted');
    await first.stop();

    const second = await startLocalStack({ ...common, faultRate: 0 });
    try {
      await second.wired.localRunner!.idle();
      const api2 = { stack: second, call: (m: string, p: string, o: any = {}) => call(second, m, p, o.token, o.body, o.headers) };
      const app = await waitForDecision(api2 as never, token, id);
      expect(app.status).toBe('approved');
      expect(app.branch.code).toBe('luoyang');
    } finally {
      await second.stop();
    }
  });
});
