/** Builds the real CDK app with cdk.json's context, bundling skipped, and returns each stack's template. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildKedaiApp, type KedaiAppOptions, type KedaiStacks } from '../../infra/kedai-app.js';

export const CDK_CONTEXT: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8'),
).context;

export interface SynthResult {
  app: App;
  stacks: KedaiStacks;
  templates: Record<keyof KedaiStacks, Template>;
  /** Every template's resources of one type, across the whole app. */
  resourcesOfType(type: string): Array<{ stack: string; id: string; resource: CfnResourceJson }>;
}

export interface CfnResourceJson {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

export function synthKedai(options: KedaiAppOptions & { context?: Record<string, unknown> } = {}): SynthResult {
  const app = new App({
    context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [], ...options.context },
  });
  const stacks = buildKedaiApp(app, { webAssetsPath: options.webAssetsPath });
  const templates = Object.fromEntries(
    Object.entries(stacks).map(([name, stack]) => [name, Template.fromStack(stack)]),
  ) as Record<keyof KedaiStacks, Template>;
  return {
    app,
    stacks,
    templates,
    resourcesOfType(type) {
      return Object.entries(templates).flatMap(([stack, template]) =>
        Object.entries(template.findResources(type) as Record<string, CfnResourceJson>).map(([id, resource]) => ({ stack, id, resource })));
    },
  };
}
