/** CDK entry (`cdk.json`: `npx tsx infra/bin/app.ts`). Environment-agnostic, so `cdk synth` needs no account. */
import { App } from 'aws-cdk-lib';
import { buildKedaiApp } from '../kedai-app.js';

const app = new App();
buildKedaiApp(app);
app.synth();
