/**
 * Notifier adapters. Locally messages go to an outbox in the table (read by GET /api/dev/outbox);
 * in AWS the SMS gateway is a third party we cannot run, so this port is where it plugs in.
 */
import type { Notifier } from '../../core/ports.js';
import type { DynamoApplicationRepository } from '../dynamodb/application-repository.js';

export class OutboxNotifier implements Notifier {
  constructor(private readonly repo: DynamoApplicationRepository, private readonly newId: () => string, private readonly now: () => Date) {}

  async send(to: string, message: { subject: string; body: string; kind: string }) {
    await this.repo.putOutbox(to, this.now().toISOString(), this.newId(), message);
  }

  async outbox(to: string) {
    return this.repo.listOutbox(to);
  }
}

/** AWS stage until an SMS gateway contract exists: logs that a message was due, never its secret content. */
export class LogOnlyNotifier implements Notifier {
  async send(to: string, message: { subject: string; kind: string }) {
    console.info(JSON.stringify({ notice: 'notification-not-delivered', to, kind: message.kind, subject: message.subject }));
  }
}
