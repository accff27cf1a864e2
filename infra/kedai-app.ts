/**
 * Builds the whole portal into an App: one stateful stack and the stateless stacks that receive it,
 * with cdk-nag's AwsSolutions checks over all of them. `bin/app.ts` and the tests build the same app.
 */
import { existsSync } from 'node:fs';
import { Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadStageConfig } from './config.js';
import { LAMBDA_ENTRIES, REPO_ROOT, WEB_DIST } from './repo-paths.js';
import { AlarmsStack } from './stacks/alarms-stack.js';
import { ApiStack } from './stacks/api-stack.js';
import { SchedulesStack } from './stacks/schedules-stack.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { WebStack } from './stacks/web-stack.js';
import { WorkflowStack } from './stacks/workflow-stack.js';

export interface KedaiAppOptions {
  /** The built SPA to deploy; default `web/dist` when it exists. `null` never deploys one. */
  webAssetsPath?: string | null;
}

export interface KedaiStacks {
  stateful: StatefulStack;
  workflow: WorkflowStack;
  api: ApiStack;
  schedules: SchedulesStack;
  web: WebStack;
  alarms: AlarmsStack;
}

/** Every Lambda entry that is missing, so one synth names them all instead of failing on the first. */
export function missingLambdaEntries(): string[] {
  return Object.values(LAMBDA_ENTRIES).filter((entry) => !existsSync(`${REPO_ROOT}/${entry}`));
}

export function buildKedaiApp(app: App, options: KedaiAppOptions = {}): KedaiStacks {
  const missing = missingLambdaEntries();
  if (missing.length > 0) throw new Error(`Missing Lambda entries (each must export \`handler\`): ${missing.join(', ')}`);

  const { stage, config } = loadStageConfig(app);
  const prefix = `Kedai-${stage}`;
  // Region from the stage; the account from the CLI's credentials when deploying, absent (agnostic) offline.
  const env = { region: config.region, account: process.env.CDK_DEFAULT_ACCOUNT };
  const common = { stage, config, env };

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    stage, env, description: `Kedai ${stage}: data, keys and identity (retained on delete)`,
  });
  const workflow = new WorkflowStack(app, `${prefix}-Workflow`, {
    ...common, stateful, description: `Kedai ${stage}: workflows (decision, contract, statement, servicing, target lists) and the configuration seed`,
  });
  const stateMachines = { decision: workflow.decision.stateMachine, contract: workflow.contract.stateMachine };
  const api = new ApiStack(app, `${prefix}-Api`, {
    ...common, stateful, stateMachines: workflow.startable, description: `Kedai ${stage}: HTTP API`,
  });
  const schedules = new SchedulesStack(app, `${prefix}-Schedules`, {
    ...common, stateful, stateMachines, servicing: workflow.servicing.stateMachine, description: `Kedai ${stage}: scheduled jobs`,
  });
  const webAssetsPath = options.webAssetsPath === undefined ? (existsSync(WEB_DIST) ? WEB_DIST : undefined) : options.webAssetsPath ?? undefined;
  const web = new WebStack(app, `${prefix}-Web`, {
    stage, config, env, httpApi: api.httpApi, webAssetsPath,
    presignedBuckets: [stateful.documentsBucket, stateful.contractsBucket],
    description: `Kedai ${stage}: SPA hosting and the single origin`,
  });
  const functions = Object.fromEntries([
    ...Object.values(api.apiFunctions), ...workflow.taskFunctions, schedules.redriveFunction, schedules.monitoringFunction,
  ].map((fn) => [fn.node.id, fn]));
  const alarms = new AlarmsStack(app, `${prefix}-Alarms`, {
    stage, config, env, functions, httpApi: api.httpApi,
    stateMachines: {
      Decision: stateMachines.decision, Contract: stateMachines.contract, Statement: workflow.statement.stateMachine,
      Servicing: workflow.servicing.stateMachine, TargetList: workflow.targetList.stateMachine,
    },
    deadLetterQueues: { JobsDeadLetters: schedules.deadLetterQueue },
    description: `Kedai ${stage}: alarms`,
  });

  Tags.of(app).add('project', 'kedai');
  Tags.of(app).add('stage', stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { stateful, workflow, api, schedules, web, alarms };
}
