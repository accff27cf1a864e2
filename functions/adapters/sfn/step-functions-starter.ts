/** Starts the deployed state machine in AWS. The run name makes a duplicate start a no-op. */
import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WorkflowKind, WorkflowStarter } from '../../core/ports.js';

export class StepFunctionsStarter implements WorkflowStarter {
  constructor(private readonly sfn: SFNClient, private readonly arns: Record<WorkflowKind, string>) {}

  async start(kind: WorkflowKind, applicationId: string, runName: string) {
    if (!this.arns[kind]) throw new Error(`No ARN configured for the ${kind} state machine in this function.`);
    try {
      await this.sfn.send(new StartExecutionCommand({
        stateMachineArn: this.arns[kind],
        name: runName.slice(0, 80),
        // The target-list workflow runs over an import, the others over an application.
        input: JSON.stringify(kind === 'target-list' ? { importId: applicationId } : { applicationId }),
      }));
    } catch (err) {
      if (!(err instanceof ExecutionAlreadyExists)) throw err;
    }
  }
}
