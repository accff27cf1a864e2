/** What every stateless stack receives: the stateful resources and the validated stage configuration. */
import type { StackProps } from 'aws-cdk-lib';
import type { StageConfig } from '../config.js';
import type { StatefulResources } from './stateful-stack.js';

export interface StatelessStackProps extends StackProps {
  stage: string;
  config: StageConfig;
  stateful: StatefulResources;
}
