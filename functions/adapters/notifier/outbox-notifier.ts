/**
 * The local stack's notifier: messages go to an outbox port (read by GET /api/dev/outbox). In AWS the
 * notifier is aws-notifier.ts (SES, SNS); functions/wiring.ts never gives a deployed stage this one.
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
