/**
 * The deployable stack of wave 2: the bank configuration's version 1 seeded at deploy (with the stage's committee
 * roster), the daily servicing schedule, the registry gateway's stage settings, and the API split over three
 * functions: every route of the whole app reaches, through API Gateway, a function that mounts it, and the API
 * function answers the whole app's OpenAPI document.
 */
import { App } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { API_FUNCTIONS, type ApiFunctionName } from '../../functions/api/api-functions.js';
import { mountedOperations } from '../../functions/api/openapi.js';
import { adminApp } from '../../functions/api/parts/admin.js';
import { caseworkApp } from '../../functions/api/parts/casework.js';
import { memberApp } from '../../functions/api/parts/member.js';
import type { Deps } from '../../functions/core/ports.js';
import { configViolations, SEED_CONFIG, type BankConfig } from '../../shared/bank-config.js';
import { loadStageConfig } from '../../infra/config.js';
import { stageConfigSeed } from '../../infra/constructs/config-seed.js';
import { deployedOpenApiDocument } from '../../infra/constructs/openapi-file.js';
import { CDK_CONTEXT, synthKedai, type SynthResult } from './synth-kedai.js';

const dev = (CDK_CONTEXT['kedai:stages'] as Record<string, any>).dev;
const withDev = (patch: (c: any) => void) => {
  const config = structuredClone(dev);
  patch(config);
  return new App({ context: { ...CDK_CONTEXT, stage: 'dev', 'kedai:stages': { dev: config } } });
};

let kedai: SynthResult;
beforeAll(() => {
  kedai = synthKedai({ webAssetsPath: null });
}, 120_000);

describe('the bank configuration seeded at deploy', () => {
  const seedResource = () => {
    const found = kedai.resourcesOfType('Custom::KedaiConfigSeed');
    expect(found).toHaveLength(1);
    expect(found[0].stack).toBe('workflow');
    return found[0].resource;
  };
  /** The PutItem call the custom resource makes on create, with the table's token left as a marker. */
  const createCall = () => {
    const create = seedResource().Properties!.Create;
    const text = typeof create === 'string' ? create
      : (create['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : 'TABLE')).join('');
    return JSON.parse(text);
  };

  it('puts version 1 once, conditionally, ignoring a table that already has it', () => {
    const call = createCall();
    expect([call.service, call.action]).toEqual(['DynamoDB', 'putItem']);
    expect(call.parameters.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(call.parameters.Item.pk.S).toBe('CONFIG');
    expect(call.parameters.Item.sk.S).toBe('V#000001');
    expect(call.ignoreErrorCodesMatching).toBe('ConditionalCheckFailedException');
    expect(seedResource().Properties!.Update).toBeUndefined();
  });

  it('holds the code\'s seed with the stage\'s committee roster, valid by head office\'s own rules', () => {
    const seed = JSON.parse(createCall().parameters.Item.value.S) as BankConfig;
    expect(seed.committee).toEqual(dev.bankConfig.committee);
    expect(seed.committee.headOffice.length).toBeGreaterThanOrEqual(seed.committee.quorum);
    expect(configViolations(seed)).toEqual({});
    expect({ ...seed, committee: SEED_CONFIG.committee }).toEqual(SEED_CONFIG);
    expect(seed).toEqual(stageConfigSeed('dev', dev.bankConfig));
  });

  it('lets the seed write only that table, through DynamoDB, under the data key', () => {
    const policies = kedai.templates.workflow.findResources('AWS::IAM::Policy');
    const statements = Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().includes('dynamodb:PutItem') && ![s.Action].flat().includes('dynamodb:Query'));
    expect(statements).toHaveLength(1);
    expect([statements[0].Action].flat()).toEqual(['dynamodb:PutItem']);
    expect(JSON.stringify(statements[0].Resource)).toMatch(/Table/);
  });

  it.each([
    ['a head-office roster smaller than the quorum', (c: any) => { c.bankConfig.committee.headOffice = ['a@x.cn', 'b@x.cn']; }, /committee\.headOffice/],
    ['a committee of a branch the seed lacks', (c: any) => { c.bankConfig.branchCommittees = { atlantis: ['a@x.cn', 'b@x.cn', 'c@x.cn'] }; }, /branchCommittees\.atlantis/],
  ])('refuses %s at synth', (_name, patch, message) => {
    const { stage, config } = loadStageConfig(withDev(patch));
    expect(() => stageConfigSeed(stage, config.bankConfig)).toThrow(message);
  });

  it('seeds a branch committee the stage names', () => {
    const seed = stageConfigSeed('dev', { ...dev.bankConfig, branchCommittees: { zhengzhou: ['a@x.cn', 'b@x.cn', 'c@x.cn'] } });
    expect(seed.branches.find((b) => b.code === 'zhengzhou')!.committee).toEqual(['a@x.cn', 'b@x.cn', 'c@x.cn']);
    expect(seed.branches.filter((b) => b.committee).map((b) => b.code)).toEqual(['zhengzhou']);
  });
});

describe('stage settings of wave 2', () => {
  it.each([
    ['a registry gateway over plain HTTP', (c: any) => { c.registry.url = 'http://gateway.example.cn'; }, /registry\.url/],
    ['no registry gateway', (c: any) => { delete c.registry; }, /registry/],
    ['no servicing schedule', (c: any) => { delete c.schedules.servicing; }, /schedules\.servicing/],
    ['a committee member who is not a username', (c: any) => { c.bankConfig.committee.alternates = ['hq']; }, /bankConfig\.committee\.alternates/],
    ['a branch committee keyed by division code', (c: any) => { c.bankConfig.branchCommittees = { 410100: ['a@x.cn', 'b@x.cn', 'c@x.cn'] }; }, /branchCommittees/],
    ['a quorum below three', (c: any) => { c.bankConfig.committee.quorum = 2; }, /bankConfig\.committee\.quorum/],
  ])('refuses %s', (_name, patch, message) => {
    expect(() => loadStageConfig(withDev(patch))).toThrow(message);
  });
});

describe('the daily servicing run', () => {
  it('starts the servicing state machine on the stage\'s schedule, in Beijing time, for the run\'s own date', () => {
    const schedules = kedai.resourcesOfType('AWS::Scheduler::Schedule').map(({ resource }) => resource.Properties!);
    const servicing = schedules.filter((s) => s.ScheduleExpression === dev.schedules.servicing);
    expect(servicing).toHaveLength(1);
    expect(servicing[0].ScheduleExpressionTimezone).toBe('Asia/Shanghai');
    expect(JSON.stringify(servicing[0].Target.Arn)).toMatch(/ServicingWorkflow/);
    expect(JSON.parse(servicing[0].Target.Input)).toEqual({ date: null });
    const roleId = servicing[0].Target.RoleArn['Fn::GetAtt'][0];
    const starts = kedai.resourcesOfType('AWS::IAM::Policy')
      .filter(({ resource }) => resource.Properties!.Roles.some((r: any) => r.Ref === roleId))
      .flatMap(({ resource }) => resource.Properties!.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().includes('states:StartExecution'));
    expect(starts.map((s: any) => JSON.stringify(s.Resource).match(/(Decision|Contract|Statement|Servicing|TargetList)Workflow/)?.[1])).toEqual(['Servicing']);
  });
});

describe('the API over three functions', () => {
  const deps = { stage: 'dev' } as unknown as Deps;
  const apps: Record<ApiFunctionName, { routes: Parameters<typeof mountedOperations>[0] }> = {
    api: memberApp(deps, async () => {}, () => ({})),
    casework: caseworkApp(deps),
    admin: adminApp(deps),
  };
  /** The function API Gateway sends `METHOD /path` to: the most specific route key that matches, else the API function. */
  const functionFor = (method: string, path: string): ApiFunctionName => {
    let best: { name: ApiFunctionName; length: number } | undefined;
    for (const [name, f] of Object.entries(API_FUNCTIONS) as Array<[ApiFunctionName, { routes: readonly string[] }]>) {
      for (const key of f.routes) {
        const [m, p] = key.split(' ');
        if (m !== 'ANY' && m !== method.toUpperCase()) continue;
        const prefix = p.endsWith('/{proxy+}') ? p.slice(0, -'{proxy+}'.length) : undefined;
        const matches = prefix ? path.startsWith(prefix) && path.length > prefix.length : path === p;
        if (matches && (!best || p.length > best.length)) best = { name, length: p.length };
      }
    }
    return best?.name ?? 'api';
  };

  it('sends every operation of the whole deployed app to a function that mounts it', () => {
    const whole = mountedOperations(createApp({ deps, ping: async () => {} }).routes);
    expect(whole.length).toBeGreaterThan(40);
    const mountedBy = Object.fromEntries(Object.entries(apps).map(([name, app]) =>
      [name, new Set(mountedOperations(app.routes).map((o) => `${o.method} ${o.path}`))]));
    const lost = whole.filter((o) => !mountedBy[functionFor(o.method, o.path)].has(`${o.method} ${o.path}`));
    expect(lost).toEqual([]);
    // And each function mounts only what reaches it, so nothing is carried that no request can call.
    for (const [name, app] of Object.entries(apps)) {
      const unreachable = mountedOperations(app.routes).filter((o) => functionFor(o.method, o.path) !== name);
      expect(unreachable, name).toEqual([]);
    }
    expect(Object.values(mountedBy).every((ops) => ops.size > 0)).toBe(true);
  });

  it('ships the whole app\'s OpenAPI document with the API function: every deployed operation, no /api/dev', () => {
    const document = deployedOpenApiDocument('dev') as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(document.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`)).sort();
    const whole = mountedOperations(createApp({ deps, ping: async () => {} }).routes).map((o) => `${o.method} ${o.path}`).sort();
    expect(described).toEqual(whole);
    expect(described.some((d) => d.includes('/api/admin/'))).toBe(true);
    expect(described.some((d) => d.includes('/api/dev/'))).toBe(false);
    expect(() => deployedOpenApiDocument('local')).toThrow();
  });

  it('answers the shipped document at /api/openapi.json from the API function', async () => {
    const shipped = { openapi: '3.1.0', marker: 'shipped' };
    const res = await memberApp(deps, async () => {}, () => shipped).request('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(shipped);
  });
});
