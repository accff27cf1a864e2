/** The local outbox in memory: per recipient, newest first (by time, then id, as the table's sort key), at most 100. */
import type { Outbox, OutboxMessage } from '../../core/ports.js';
import { byKey, io } from './copy.js';

export class MemoryOutbox implements Outbox {
  private readonly byRecipient = new Map<string, Map<string, { at: string } & OutboxMessage>>();

  async putOutbox(to: string, at: string, id: string, message: OutboxMessage) {
    await io();
    if (!this.byRecipient.has(to)) this.byRecipient.set(to, new Map());
    this.byRecipient.get(to)!.set(`${at}#${id}`, { at, subject: message.subject, body: message.body, kind: message.kind });
  }

  async listOutbox(to: string) {
    await io();
    return [...(this.byRecipient.get(to) ?? [])].sort(([a], [b]) => byKey(b, a)).slice(0, 100).map(([, m]) => ({ ...m }));
  }
}
