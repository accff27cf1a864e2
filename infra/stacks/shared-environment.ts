/** What every stateless stack receives: the stateful resources and the validated stage configuration. */
import type { StackProps } from 'aws-cdk-lib';
import type { StageConfig } from '../config.js';
import type { StatefulResources } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  stateful: StatefulResources;
}

/** Tier thresholds and service area as environment, so a stage's cdk.json values reach the decision code. */
export function policyEnvironment(config: StageConfig): Record<string, string> {
  return {
    SERVICE_AREA_PREFIX: config.serviceArea.provincePrefix,
    AUTO_CEILING_FEN: String(config.thresholds.autoCeilingFen),
    BRANCH_AUTHORITY_FEN: String(config.thresholds.branchAuthorityFen),
    TWO_APPROVAL_LIMIT_FEN: String(config.thresholds.twoApprovalLimitFen),
  };
}
