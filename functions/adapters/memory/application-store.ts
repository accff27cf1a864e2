/**
 * ApplicationStore in memory, with the DynamoDB adapter's semantics: version-checked updates that return false on
 * a lost race, idempotency keys per owner with replay/conflict, the hash-chained event log, in-flight markers,
 * and branch queues ordered and paged by the same index keys and cursors (../store-keys.ts).
 * Each write checks and applies without yielding, as the table's transaction does.
 */
import type { ApplicationRecord } from '../../../shared/types.js';
import { chainEvents, type ChainedEvent } from '../../core/event-chain.js';
import type { ApplicationStore, NewEvent, WorkflowKind } from '../../core/ports.js';
import { appKey, decodeCursor, encodeCursor, indexKeys } from '../store-keys.js';
import { byKey, io, stored } from './copy.js';

export class MemoryApplicationStore implements ApplicationStore {
  private readonly apps = new Map<string, ApplicationRecord>();
  private readonly logs = new Map<string, ChainedEvent[]>();
  private readonly idempotency = new Map<string, { applicationId: string; bodyHash: string }>();
  private readonly inflight = new Map<string, { since: string; workflow: WorkflowKind }>();

  async create(app: ApplicationRecord, idem?: { key: string; bodyHash: string }, event?: NewEvent) {
    await io();
    const idemKey = idem && `${app.ownerId}#${idem.key}`;
    const prior = idemKey ? this.idempotency.get(idemKey) : undefined;
    if (prior) {
      if (prior.bodyHash !== idem!.bodyHash) return { conflict: true as const };
      return { app: stored(this.apps.get(prior.applicationId)!), replayed: true };
    }
    // The table refuses a second item under the same key; so does this.
    if (this.apps.has(app.id)) throw new Error(`Application ${app.id} exists already; ids are never reused.`);
    const { chained, count, hash } = chainEvents(event ? [event] : [], app.updatedAt, 0, '');
    const record = stored({ ...app, eventCount: count, eventHash: hash });
    this.apps.set(app.id, record);
    this.logs.set(app.id, stored(chained));
    if (idemKey) this.idempotency.set(idemKey, { applicationId: app.id, bodyHash: idem!.bodyHash });
    return { app: stored(record), replayed: false };
  }

  async get(id: string) {
    await io();
    const app = this.apps.get(id);
    return app ? stored(app) : null;
  }

  async listByOwner(ownerId: string) {
    await io();
    // The owner index (gsi1), newest first.
    return [...this.apps.values()].filter((a) => a.ownerId === ownerId)
      .sort((a, b) => byKey(indexKeys(b).gsi1sk, indexKeys(a).gsi1sk)).map((a) => stored(a));
  }

  async update(next: ApplicationRecord, events: NewEvent[], opts: { inflight?: WorkflowKind | 'clear' } = {}) {
    await io();
    const current = this.apps.get(next.id);
    if (!current || current.version !== next.version - 1) return false;
    const { chained, count, hash } = chainEvents(events, next.updatedAt, next.eventCount ?? 0, next.eventHash ?? '');
    const log = this.logs.get(next.id) ?? [];
    // Each event is a conditional put on its sequence number: a stale count loses like a stale version.
    if (chained.some((e) => log.some((l) => l.seq === e.seq))) return false;
    this.apps.set(next.id, stored({ ...next, eventCount: count, eventHash: hash }));
    this.logs.set(next.id, [...log, ...stored(chained)].sort((a, b) => a.seq - b.seq));
    if (opts.inflight === 'decision' || opts.inflight === 'contract') this.inflight.set(next.id, { since: next.updatedAt, workflow: opts.inflight });
    else if (opts.inflight === 'clear') this.inflight.delete(next.id);
    Object.assign(next, { eventCount: count, eventHash: hash });
    return true;
  }

  async events(id: string) {
    await io();
    return stored(this.logs.get(id) ?? []);
  }

  async listInflight() {
    await io();
    return [...this.inflight].sort(([a], [b]) => byKey(a, b))
      .map(([id, m]) => ({ id, ...m })).sort((a, b) => a.since.localeCompare(b.since));
  }

  async queue(branch: string, status?: string) {
    await io();
    return this.branchIndex(branch, status).map(([, app]) => stored(app));
  }

  async queuePage(branch: string, status: string, page: { limit: number; cursor?: string }) {
    await io();
    if (!Number.isInteger(page.limit) || page.limit < 1) throw new Error(`A page limit must be a positive integer, not ${page.limit}.`);
    const after = page.cursor ? decodeCursor(page.cursor, `BRANCH#${branch}`).gsi2sk : undefined;
    const rows = this.branchIndex(branch, status).filter(([sk]) => after === undefined || sk > after);
    const items = rows.slice(0, page.limit);
    // Like DynamoDB, a page that reaches the limit carries a cursor even when nothing follows it.
    const last = items.length === page.limit ? items[items.length - 1][1] : undefined;
    return {
      items: items.map(([, app]) => stored(app)),
      cursor: last ? encodeCursor({ ...appKey(last.id), gsi2pk: `BRANCH#${branch}`, gsi2sk: indexKeys(last).gsi2sk }) : undefined,
    };
  }

  /** The branch index (gsi2): applications with a branch, by status, then age, then id. */
  private branchIndex(branch: string, status?: string): [string, ApplicationRecord][] {
    return [...this.apps.values()]
      .filter((a) => a.branch?.code === branch)
      .map((a): [string, ApplicationRecord] => [indexKeys(a).gsi2sk!, a])
      .filter(([sk]) => !status || sk.startsWith(`${status}#`))
      .sort(([a], [b]) => byKey(a, b));
  }
}
