/**
 * The notifier in AWS: text messages to +86 mobile numbers through SNS, e-mail through SES (v2), each in both
 * languages. A failed send is retried with backoff when the failure can pass (throttling, a 5xx, the network),
 * and logged without the message's content (it may hold a one-time code) or the full address; after the last
 * try it fails loudly, so a sign-up or a signing code is never reported sent when it was not.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { MOBILE_PATTERN } from '../../../shared/accounts.js';
import { DomainError } from '../../../shared/errors.js';
import type { Notifier } from '../../core/ports.js';

type Message = { subject: string; body: string; kind: string };

export interface AwsNotifierOptions {
  /** SNS (or a fake with the same `send`): absent when no SMS sender is configured, and then SMS sends fail. */
  sms?: { client: Pick<SNSClient, 'send'>; senderId?: string };
  /** SES v2: `from` is a verified identity of the account. */
  email?: { client: Pick<SESv2Client, 'send'>; from: string; configurationSet?: string };
  /** Tries per message, the first included. */
  attempts?: number;
  baseDelayMs?: number;
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const TRANSIENT = new Set([
  'ThrottlingException', 'Throttling', 'TooManyRequestsException', 'ThrottledException', 'InternalErrorException', 'InternalError',
  'ServiceUnavailable', 'ServiceUnavailableException', 'LimitExceededException', 'KMSThrottlingException', 'TimeoutError',
]);

function transient(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e.$metadata?.httpStatusCode;
  return Boolean(e.$retryable) || TRANSIENT.has(e.name ?? '') || status === undefined || status >= 500 || status === 429;
}

/** Enough of the address to find the message in the logs, not enough to harvest it. */
export function maskRecipient(to: string): string {
  if (MOBILE_PATTERN.test(to)) return `${to.slice(0, 6)}****${to.slice(-4)}`;
  const [local, domain] = to.split('@');
  return domain ? `${local.slice(0, 1)}***@${domain}` : '***';
}

/** The two templates: the bilingual body as given, framed for a text message or an e-mail. */
export function smsText(message: Message): string {
  return `【科贷 Kedai】${message.body}`;
}

const FOOTER = {
  zh: '此邮件由科贷系统自动发送，请勿回复。',
  en: 'This message was sent automatically by Kedai; please do not reply.',
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function emailContent(message: Message) {
  const text = `${message.body}\n\n${FOOTER.zh}\n${FOOTER.en}\n`;
  const html = `<!doctype html><html lang="zh-CN"><body style="font-family:sans-serif;line-height:1.6">`
    + `<p>${escapeHtml(message.body)}</p><hr><p style="color:#666;font-size:12px">${FOOTER.zh}<br><span lang="en">${FOOTER.en}</span></p></body></html>`;
  return {
    Subject: { Data: message.subject, Charset: 'UTF-8' },
    Body: { Text: { Data: text, Charset: 'UTF-8' }, Html: { Data: html, Charset: 'UTF-8' } },
  };
}

export class AwsNotifier implements Notifier {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly log: (line: string) => void;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly opts: AwsNotifierOptions) {
    this.attempts = opts.attempts ?? 3;
    this.baseDelayMs = opts.baseDelayMs ?? 200;
    this.log = opts.log ?? ((line) => console.error(line));
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async send(to: string, message: Message): Promise<void> {
    const channel = MOBILE_PATTERN.test(to) ? 'sms' : 'email';
    // Some callers name a user by id rather than by address: nothing can be delivered, and nothing should fail for it.
    if (channel === 'email' && !/^[^\s@]+@[^\s@]+$/.test(to)) {
      this.log(JSON.stringify({ level: 'warn', notice: 'notification-no-address', kind: message.kind }));
      return;
    }
    const deliver = channel === 'sms' ? this.sms(to, message) : this.email(to, message);
    const where = { kind: message.kind, channel, to: maskRecipient(to) };
    for (let attempt = 1; ; attempt++) {
      try {
        await deliver();
        return;
      } catch (err) {
        const error = (err as Error).name || 'Error';
        const retry = attempt < this.attempts && transient(err);
        this.log(JSON.stringify({ level: retry ? 'warn' : 'error', notice: retry ? 'notification-retry' : 'notification-failed', ...where, attempt, error }));
        if (!retry) throw new DomainError('notification-failed', 'The message could not be sent just now; try again in a minute.', 503);
        await this.sleep(this.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  private sms(to: string, message: Message): () => Promise<unknown> {
    const sms = this.opts.sms;
    if (!sms) return async () => { throw Object.assign(new Error('No SMS sender is configured (NOTIFY_SMS_ENABLED).'), { name: 'NotifierNotConfigured', $metadata: { httpStatusCode: 400 } }); };
    const command = new PublishCommand({
      PhoneNumber: to,
      Message: smsText(message),
      MessageAttributes: {
        // Codes must arrive now: transactional routes, never the cheaper promotional ones.
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        ...(sms.senderId ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: sms.senderId } } : {}),
      },
    });
    return () => sms.client.send(command);
  }

  private email(to: string, message: Message): () => Promise<unknown> {
    const email = this.opts.email;
    if (!email) return async () => { throw Object.assign(new Error('No e-mail sender is configured (NOTIFY_EMAIL_FROM).'), { name: 'NotifierNotConfigured', $metadata: { httpStatusCode: 400 } }); };
    const command = new SendEmailCommand({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [to] },
      Content: { Simple: emailContent(message) },
      ...(email.configurationSet ? { ConfigurationSetName: email.configurationSet } : {}),
    });
    return () => email.client.send(command);
  }
}
