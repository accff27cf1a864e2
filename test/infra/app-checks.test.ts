/** cdk-nag over the whole app, the stage configuration schema, the SPA fallback and the SPA deployment switch. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { INLINE_STYLES_FILE } from '../../functions/local/web-build.js';
import { buildKedaiApp } from '../../infra/kedai-app.js';
import { loadStageConfig } from '../../infra/config.js';
import { SPA_FALLBACK_CODE } from '../../infra/stacks/web-stack.js';
import { CDK_CONTEXT, synthKedai } from './synth-kedai.js';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the whole app, with the SPA deployment included', () => {
    const site = mkdtempSync(join(tmpdir(), 'kedai-web-'));
    writeFileSync(join(site, 'index.html'), '<!doctype html><title>Kedai</title>');
    writeFileSync(join(site, INLINE_STYLES_FILE), JSON.stringify({ hashes: ['sha256-c3R5bGVz'] }));
    // Synthesis runs the plugin over every stack and throws on any finding not acknowledged.
    let kedai: ReturnType<typeof synthKedai> | undefined;
    expect(() => { kedai = synthKedai({ webAssetsPath: site }); }).not.toThrow();
    kedai!.templates.web.resourceCountIs('Custom::CDKBucketDeployment', 1);
    // The prerendered pages' inline stylesheet is allowed by the hash the build wrote, and nothing inline beyond it.
    const [policy] = Object.values(kedai!.templates.web.findResources('AWS::CloudFront::ResponseHeadersPolicy')) as any[];
    const csp = JSON.stringify(policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("style-src 'self' 'sha256-c3R5bGVz';");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
    const { stateful } = buildKedaiApp(app, { webAssetsPath: null });
    // A bucket without TLS enforcement, access logs or public-access block: AwsSolutions-S1/S10 must fire.
    new Bucket(stateful, 'Careless');
    expect(() => Template.fromStack(stateful)).toThrow(/AwsSolutions-S(1|10)/);
  });

  it('deploys no SPA content when there is no build', () => {
    const kedai = synthKedai({ webAssetsPath: null });
    kedai.templates.web.resourceCountIs('Custom::CDKBucketDeployment', 0);
  });
});

describe('stage configuration', () => {
  const dev = (CDK_CONTEXT['kedai:stages'] as Record<string, any>).dev;
  const withDev = (patch: (c: any) => void) => {
    const config = structuredClone(dev);
    patch(config);
    return { stage: 'dev', 'kedai:stages': { dev: config } };
  };

  it.each([
    ['an unknown stage', { stage: 'staging' }, /No configuration for stage "staging"/],
    ['tier thresholds, which are bank configuration now', withDev((c) => { c.thresholds = { autoCeilingFen: 1 }; }), /thresholds/],
    ['a retention CloudWatch does not offer', withDev((c) => { c.logRetentionDays = 45; }), /logRetentionDays/],
    ['a region typo', withDev((c) => { c.region = 'ap-east'; }), /region/],
    ['an unknown key', withDev((c) => { c.autoApprove = true; }), /autoApprove/],
  ])('rejects %s at synth time', (_name, context, message) => {
    const app = new App({ context: { ...CDK_CONTEXT, ...context } });
    expect(() => loadStageConfig(app)).toThrow(message);
  });

  it('reads every stage in cdk.json', () => {
    for (const stage of Object.keys(CDK_CONTEXT['kedai:stages'] as object)) {
      const app = new App({ context: { ...CDK_CONTEXT, stage } });
      expect(loadStageConfig(app).stage).toBe(stage);
    }
  });

  it('names stacks by stage so two stages deploy side by side', () => {
    const kedai = synthKedai({ webAssetsPath: null, context: { stage: 'prod' } });
    expect(Object.values(kedai.stacks).map((s: Stack) => s.stackName).every((n) => n.startsWith('Kedai-prod-'))).toBe(true);
    kedai.templates.workflow.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });
});

describe('SPA fallback at the edge', () => {
  const rewrite = (uri: string): string =>
    runInNewContext(`${SPA_FALLBACK_CODE}; handler({ request: { uri: ${JSON.stringify(uri)} } }).uri`);

  it.each([
    ['/', '/index.html'],
    ['/sign-in', '/sign-in/index.html'],
    ['/applications/42', '/app.html'],
    ['/staff/queue', '/app.html'],
    ['/assets/index-3f2a.js', '/assets/index-3f2a.js'],
    ['/favicon.ico', '/favicon.ico'],
    ['/index.html', '/index.html'],
  ])('serves %s as %s', (uri, expected) => {
    expect(rewrite(uri)).toBe(expected);
  });
});
