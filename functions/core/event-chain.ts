/**
 * The tamper-evident event log: each event carries the hash of the one before, so a changed or deleted event
 * breaks the chain. Every store adapter links events with chainHash; verifyChain walks a stored log.
 */
import { createHash } from 'node:crypto';
import type { ApplicationEvent } from '../../shared/types.js';

export type ChainedEvent = ApplicationEvent & { hash: string; prevHash: string };

export function chainHash(prevHash: string, event: Omit<ApplicationEvent, 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex');
}

/** Sorted keys at every level: DynamoDB does not keep map order, the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The events an update appends after `prevCount` events ending in `prevHash`, each linked to the one before. */
export function chainEvents(
  events: { type: string; actor: string; detail?: Record<string, unknown> }[], at: string, prevCount: number, prevHash: string,
): { chained: ChainedEvent[]; count: number; hash: string } {
  let hash = prevHash;
  const chained = events.map((e, i) => {
    const event = { seq: prevCount + i + 1, at, type: e.type, actor: e.actor, ...(e.detail ? { detail: e.detail } : {}) };
    const prev = hash;
    hash = chainHash(prev, event);
    return { ...event, prevHash: prev, hash };
  });
  return { chained, count: prevCount + events.length, hash };
}

/** Walks an application's event log; reports the first event whose link or content does not match. */
export function verifyChain(events: ChainedEvent[]): { ok: true; count: number } | { ok: false; seq: number; problem: string } {
  let prev = '';
  for (let i = 0; i < events.length; i++) {
    const { hash, prevHash, ...event } = events[i];
    if (event.seq !== i + 1) return { ok: false, seq: i + 1, problem: `event ${i + 1} is missing (found ${event.seq} in its place)` };
    if (prevHash !== prev) return { ok: false, seq: event.seq, problem: 'does not link to the event before it' };
    if (chainHash(prev, event) !== hash) return { ok: false, seq: event.seq, problem: 'content differs from what was recorded' };
    prev = hash;
  }
  return { ok: true, count: events.length };
}
