import { UpdateItemCommand, DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../functions/core/event-chain.js';
import { applyAndSubmit, strongApplication, useLocalStack, waitForDecision } from '../support/local-stack.js';

const api = useLocalStack();

async function decidedApplication() {
  const token = await api.token('applicant@demo.kedai');
  const id = await applyAndSubmit(api, token, await strongApplication(api, token, '410100'));
  await waitForDecision(api, token, id);
  return id;
}

describe('tamper-evident application history', () => {
  it('verifies an untouched event log', async () => {
    const id = await decidedApplication();
    const result = verifyChain(await api.stack.wired.deps.applications.events(id));
    expect(result).toEqual({ ok: true, count: expect.any(Number) });
    expect((result as { count: number }).count).toBeGreaterThanOrEqual(4);
  });

  it('detects a changed event', async () => {
    const id = await decidedApplication();
    const { table, dynamodb } = api.stack.wired.aws!;
    await dynamodb.send(new UpdateItemCommand({
      TableName: table, Key: { pk: { S: `APP#${id}` }, sk: { S: 'EVT#00000002' } },
      UpdateExpression: 'SET actor = :a', ExpressionAttributeValues: { ':a': { S: 'someone-else' } },
    }));
    expect(verifyChain(await api.stack.wired.deps.applications.events(id))).toMatchObject({ ok: false, seq: 2 });
  });

  it('detects a deleted event', async () => {
    const id = await decidedApplication();
    const { table, dynamodb } = api.stack.wired.aws!;
    await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: `APP#${id}` }, sk: { S: 'EVT#00000001' } } }));
    expect(verifyChain(await api.stack.wired.deps.applications.events(id))).toMatchObject({ ok: false, seq: 1 });
  });
});
