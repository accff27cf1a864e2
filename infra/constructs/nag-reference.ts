/**
 * How cdk-nag prints a reference inside an IAM finding id, so an acknowledgement can name the exact resource
 * instead of a pattern: `<LogicalId.Arn>` within one stack, the export name across stacks.
 */
import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function nagReference(consumer: IConstruct, producer: IConstruct, token: string): string {
  const producerStack = Stack.of(producer);
  if (Stack.of(consumer) === producerStack) {
    const resolved = producerStack.resolve(token) as { 'Fn::GetAtt'?: [string, string]; Ref?: string };
    if (resolved['Fn::GetAtt']) return `<${resolved['Fn::GetAtt'][0]}.${resolved['Fn::GetAtt'][1]}>`;
    if (resolved.Ref) return `<${resolved.Ref}>`;
    throw new Error(`Cannot name ${token} for cdk-nag.`);
  }
  // The same export CDK creates for the cross-stack reference (exportValue reuses it), named now.
  const imported = producerStack.resolve(producerStack.exportValue(token)) as { 'Fn::ImportValue': string };
  return imported['Fn::ImportValue'];
}
