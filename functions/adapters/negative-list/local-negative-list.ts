/**
 * The demo negative-list dataset shipped beside this file: the local stack's seed and the in-memory store's, never
 * what AWS screens against (there head office imports the regulators' and courts' lists into the table).
 */
import type { NegativeListEntry } from '../../core/ports.js';
import dataset from './demo-negative-list.json' with { type: 'json' };

type SeedEntry = Omit<NegativeListEntry, 'reason' | 'addedBy' | 'addedAt'>;

/**
 * The demo entries as head office would have added them: this file's, and the demo registry's negative-listed
 * firms (functions/adapters/registry), so those are screened out as the data set says.
 */
export function demoNegativeListEntries(at = '2026-01-01T00:00:00.000Z', more: SeedEntry[] = []): NegativeListEntry[] {
  return [...(dataset.entries as SeedEntry[]), ...more].map((e) => ({
    ...e, creditCode: e.creditCode.trim().toUpperCase(), reason: 'demo seed', addedBy: 'system', addedAt: at,
  })) as NegativeListEntry[];
}
