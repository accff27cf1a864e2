/** External signals in memory: what tests and the in-memory stack inject. */
import type { ExternalSignal } from '../../../shared/servicing/follow-up.js';
import type { ExternalSignalsPort } from '../../core/ports.js';
import { io, stored } from './copy.js';

export class MemoryExternalSignals implements ExternalSignalsPort {
  private readonly byCode = new Map<string, ExternalSignal[]>();

  async signals(creditCode: string, since?: string) {
    await io();
    return (this.byCode.get(creditCode) ?? []).filter((s) => !since || s.at > since).map(stored);
  }

  async inject(signal: ExternalSignal) {
    await io();
    const list = this.byCode.get(signal.creditCode) ?? [];
    list.push(stored(signal));
    list.sort((a, b) => a.at.localeCompare(b.at));
    this.byCode.set(signal.creditCode, list);
  }
}
