/**
 * Notifier adapters. Locally messages go to an outbox port (read by GET /api/dev/outbox);
 * in AWS the SMS gateway is a third party we cannot run, so this port is where it plugs in.
 */
import type { Notifier, Outbox } from '../../core/ports.js';

export class OutboxNotifier implements Notifier {
  constructor(private readonly store: Outbox, private readonly newId: () => string, private readonly now: () => Date) {}

  async send(to: string, message: { subject: string; body: string; kind: string }) {
    await this.store.putOutbox(to, this.now().toISOString(), this.newId(), message);
  }

  async outbox(to: string) {
    return this.store.listOutbox(to);
  }
}

/** AWS stage until an SMS gateway contract exists: logs that a message was due, never its secret content. */
export class LogOnlyNotifier implements Notifier {
  async send(to: string, message: { subject: string; kind: string }) {
    console.info(JSON.stringify({ notice: 'notification-not-delivered', to, kind: message.kind, subject: message.subject }));
  }
}
