/**
 * BankConfigStore and NegativeListStore in memory, as the DynamoDB ones: versions written once each, a proposal
 * decided once, and every change appended to one hash-chained admin history (MemoryAdminHistory, shared by both).
 */
import { inForceAt, SEED_CONFIG, type BankConfig } from '../../../shared/bank-config.js';
import { chainEvents, type ChainedEvent } from '../../core/event-chain.js';
import type { BankConfigStore, Clock, ConfigProposal, NegativeListEntry, NegativeListStore, NewEvent } from '../../core/ports.js';
import { normaliseCreditCode } from '../store-keys.js';
import { byKey, io, stored } from './copy.js';

export class MemoryAdminHistory {
  private readonly events: ChainedEvent[] = [];

  constructor(private readonly clock: Clock) {}

  append(event: NewEvent) {
    const last = this.events.at(-1);
    const { chained } = chainEvents([event], this.clock.now().toISOString(), this.events.length, last?.hash ?? '');
    this.events.push(...chained);
  }

  list() { return stored(this.events); }
}

export class MemoryBankConfigStore implements BankConfigStore {
  private readonly stored: Map<number, BankConfig>;
  private readonly proposals = new Map<string, ConfigProposal>();

  constructor(private readonly log: MemoryAdminHistory, private readonly seed: BankConfig = SEED_CONFIG) {
    this.stored = new Map([[1, stored(seed)]]);
  }

  async versions() {
    await io();
    return [...this.stored.values()].sort((a, b) => b.version - a.version).map(stored);
  }

  async inForce(at: Date) {
    return inForceAt(await this.versions(), at) ?? stored(this.seed);
  }

  async get(version: number) {
    await io();
    const v = this.stored.get(version);
    return v ? stored(v) : null;
  }

  async propose(p: ConfigProposal, event: NewEvent) {
    await io();
    this.proposals.set(p.id, stored(p));
    this.log.append(event);
  }

  async getProposal(id: string) {
    await io();
    const p = this.proposals.get(id);
    return p ? stored(p) : null;
  }

  async listProposals() {
    await io();
    return [...this.proposals.values()].sort((a, b) => byKey(b.proposedAt, a.proposedAt)).map(stored);
  }

  async approve(p: ConfigProposal, next: BankConfig, event: NewEvent) {
    await io();
    if (this.proposals.get(p.id)?.status !== 'pending') return 'decided' as const;
    if (this.stored.has(next.version)) return 'stale' as const;
    this.stored.set(next.version, stored(next));
    this.proposals.set(p.id, stored(p));
    this.log.append(event);
    return 'ok' as const;
  }

  async reject(p: ConfigProposal, event: NewEvent) {
    await io();
    if (this.proposals.get(p.id)?.status !== 'pending') return false;
    this.proposals.set(p.id, stored(p));
    this.log.append(event);
    return true;
  }

  async history() {
    await io();
    return this.log.list();
  }
}

export class MemoryNegativeList implements NegativeListStore {
  /** By credit code, then list: a lookup reads one code's entries, not every entry (a target list looks up each row). */
  private readonly entries = new Map<string, Map<string, NegativeListEntry>>();

  constructor(private readonly history: MemoryAdminHistory, seed: NegativeListEntry[] = []) {
    for (const e of seed) this.set(normaliseCreditCode(e.creditCode), stored(e));
  }

  private set(creditCode: string, e: NegativeListEntry) {
    let byList = this.entries.get(creditCode);
    if (!byList) this.entries.set(creditCode, byList = new Map());
    byList.set(e.list, e);
  }

  async lookup(creditCode: string) {
    return (await this.list({ creditCode })).map(({ list, detail, since, source }) => ({ list, detail, ...(since ? { since } : {}), source }));
  }

  async list(filter: { creditCode?: string } = {}) {
    await io();
    const code = filter.creditCode ? normaliseCreditCode(filter.creditCode) : undefined;
    const keyed: [string, NegativeListEntry][] = [];
    for (const [c, byList] of code ? [[code, this.entries.get(code)] as const] : this.entries) {
      for (const [list, e] of byList ?? []) keyed.push([`${c}#${list}`, e]);
    }
    return keyed.sort(([a], [b]) => byKey(a, b)).map(([, e]) => stored(e));
  }

  async put(entries: NegativeListEntry[], event: NewEvent) {
    await io();
    for (const e of entries) {
      const creditCode = normaliseCreditCode(e.creditCode);
      this.set(creditCode, stored({ ...e, creditCode }));
    }
    this.history.append(event);
  }

  async remove(creditCode: string, event: NewEvent) {
    const code = normaliseCreditCode(creditCode);
    const removed = await this.list({ creditCode: code });
    this.entries.delete(code);
    if (removed.length) this.history.append(event);
    return removed;
  }
}
