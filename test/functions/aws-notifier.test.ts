/**
 * The AWS notifier with fake SDK clients behind it: which channel a recipient gets, the bilingual templates,
 * retries of what can pass, logs that never hold the code, and the wiring that keeps a deployed stage off the
 * local outbox.
 */
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { AwsNotifier, maskRecipient } from '../../functions/adapters/notifier/aws-notifier.js';
import { OutboxNotifier } from '../../functions/adapters/notifier/outbox-notifier.js';
import { loadConfig } from '../../functions/config.js';
import { wire } from '../../functions/wiring.js';
import { accountCodeMessage } from '../../shared/accounts.js';

/** A client whose answers are scripted: an error to throw, or undefined to succeed. */
function fakeClient(script: (Error | undefined)[] = []) {
  const sent: unknown[] = [];
  return {
    sent,
    async send(command: unknown) {
      sent.push(command);
      const next = script.shift();
      if (next) throw next;
      return { MessageId: 'm-1' };
    },
  };
}
const sdkError = (name: string, httpStatusCode?: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode } });

function notifier(opts: { sms?: (Error | undefined)[]; email?: (Error | undefined)[] } = {}) {
  const sms = fakeClient(opts.sms);
  const email = fakeClient(opts.email);
  const logs: string[] = [];
  const sleeps: number[] = [];
  const n = new AwsNotifier({
    sms: { client: sms as never, senderId: 'KEDAI' },
    email: { client: email as never, from: 'no-reply@kedai.example.cn' },
    log: (line) => logs.push(line),
    sleep: async (ms) => { sleeps.push(ms); },
  });
  return { n, sms, email, logs, sleeps };
}

const code = accountCodeMessage('sign-up', '493817');

describe('AwsNotifier', () => {
  it('sends a +86 number a transactional SMS in both languages', async () => {
    const { n, sms, email } = notifier();
    await n.send('+8613800001111', code);
    expect(email.sent).toHaveLength(0);
    const command = sms.sent[0] as PublishCommand;
    expect(command).toBeInstanceOf(PublishCommand);
    expect(command.input.PhoneNumber).toBe('+8613800001111');
    expect(command.input.Message).toContain('注册验证码为 493817');
    expect(command.input.Message).toContain('sign-up code is 493817');
    expect(command.input.MessageAttributes?.['AWS.SNS.SMS.SMSType']?.StringValue).toBe('Transactional');
  });

  it('sends an e-mail address a UTF-8 mail with text and HTML bodies in both languages', async () => {
    const { n, email, sms } = notifier();
    await n.send('owner@example.cn', code);
    expect(sms.sent).toHaveLength(0);
    const command = email.sent[0] as SendEmailCommand;
    expect(command).toBeInstanceOf(SendEmailCommand);
    expect(command.input.Destination?.ToAddresses).toEqual(['owner@example.cn']);
    expect(command.input.FromEmailAddress).toBe('no-reply@kedai.example.cn');
    const content = command.input.Content?.Simple;
    expect(content?.Subject?.Data).toBe(code.subject);
    expect(content?.Body?.Text?.Data).toContain('493817');
    expect(content?.Body?.Text?.Data).toContain('请勿回复');
    expect(content?.Body?.Text?.Data).toContain('do not reply');
    expect(content?.Body?.Html?.Charset).toBe('UTF-8');
  });

  it('escapes what the HTML body carries', async () => {
    const { n, email } = notifier();
    await n.send('owner@example.cn', { kind: 'returned', subject: 's', body: 'Note: <script>alert(1)</script>' });
    const html = (email.sent[0] as SendEmailCommand).input.Content?.Simple?.Body?.Html?.Data;
    expect(html).not.toContain('<script>');
  });

  it('retries throttling and 5xx with backoff, then succeeds; the logs never hold the code or the address', async () => {
    const { n, sms, logs, sleeps } = notifier({ sms: [sdkError('ThrottlingException', 400), sdkError('InternalErrorException', 500)] });
    await n.send('+8613800001111', code);
    expect(sms.sent).toHaveLength(3);
    expect(sleeps).toEqual([200, 400]);
    expect(logs).toHaveLength(2);
    for (const line of logs) {
      expect(line).not.toContain('493817');
      expect(line).not.toContain('13800001111');
      expect(JSON.parse(line)).toMatchObject({ notice: 'notification-retry', kind: 'sign-up-code', channel: 'sms', to: '+86138****1111' });
    }
  });

  it('gives up after the last try with 503 notification-failed', async () => {
    const { n, email, logs } = notifier({ email: [sdkError('ServiceUnavailable', 503), sdkError('ServiceUnavailable', 503), sdkError('ServiceUnavailable', 503)] });
    await expect(n.send('owner@example.cn', code)).rejects.toMatchObject({ code: 'notification-failed', status: 503 });
    expect(email.sent).toHaveLength(3);
    expect(JSON.parse(logs.at(-1)!)).toMatchObject({ level: 'error', notice: 'notification-failed', to: 'o***@example.cn', attempt: 3 });
    expect(logs.join('\n')).not.toContain('493817');
  });

  it('does not retry what cannot pass (a rejected address)', async () => {
    const { n, email } = notifier({ email: [sdkError('MessageRejected', 400)] });
    await expect(n.send('owner@example.cn', code)).rejects.toMatchObject({ code: 'notification-failed' });
    expect(email.sent).toHaveLength(1);
  });

  it('fails a send on a channel that is not configured instead of dropping it', async () => {
    const logs: string[] = [];
    const n = new AwsNotifier({ log: (l) => logs.push(l), sleep: async () => {} });
    await expect(n.send('+8613800001111', code)).rejects.toMatchObject({ code: 'notification-failed' });
    await expect(n.send('owner@example.cn', code)).rejects.toMatchObject({ code: 'notification-failed' });
    expect(logs.map((l) => JSON.parse(l).error)).toEqual(['NotifierNotConfigured', 'NotifierNotConfigured']);
  });

  it('skips a recipient that is a user id rather than an address, with a log line', async () => {
    const { n, email, sms, logs } = notifier();
    await n.send('3f2a9c1e-0000-4000-8000-000000000000', code);
    expect([email.sent.length, sms.sent.length]).toEqual([0, 0]);
    expect(JSON.parse(logs[0])).toMatchObject({ notice: 'notification-no-address' });
  });

  it('masks recipients for the logs', () => {
    expect(maskRecipient('+8613912345678')).toBe('+86139****5678');
    expect(maskRecipient('finance@example.cn')).toBe('f***@example.cn');
  });
});

describe('notifier wiring', () => {
  const env = { TABLE_NAME: 't', DOCUMENTS_BUCKET: 'd', CONTRACTS_BUCKET: 'c', USER_POOL_ID: 'p', USER_POOL_CLIENT_ID: 'c' };

  it('gives a deployed stage the AWS notifier and no outbox', () => {
    const { deps } = wire(loadConfig({ ...env, STAGE: 'prod', NOTIFY_EMAIL_FROM: 'no-reply@kedai.example.cn' }));
    expect(deps.notifier).toBeInstanceOf(AwsNotifier);
    expect(deps.notifier.outbox).toBeUndefined();
  });

  it('gives the local stack the outbox', () => {
    const { deps } = wire(loadConfig({ ...env, STAGE: 'local' }), { localRunner: { start: async () => {}, bind: () => {} } });
    expect(deps.notifier).toBeInstanceOf(OutboxNotifier);
  });

  it('refuses the local stage inside Lambda, so no deployed function can reach the outbox', () => {
    expect(() => loadConfig({ ...env, STAGE: 'local', AWS_LAMBDA_FUNCTION_NAME: 'kedai-api' })).toThrow(/cannot run in AWS Lambda/);
  });
});
