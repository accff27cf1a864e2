/**
 * Negative-list screening backed by a demo dataset shipped beside this file (bundled into the Lambda by the
 * JSON import). In production the same port would call the regulators' and courts' data services.
 */
import type { NegativeListHit } from '../../../shared/types.js';
import dataset from './demo-negative-list.json' with { type: 'json' };

interface Entry extends NegativeListHit {
  creditCode: string;
}

export class LocalNegativeList {
  private readonly byCode = new Map<string, NegativeListHit[]>();

  /** `more`: a further local source, e.g. the demo registry's negative-listed firms (the local stack only). */
  constructor(entries: Entry[] = dataset.entries as Entry[], private readonly more?: (creditCode: string) => NegativeListHit[]) {
    for (const { creditCode, ...hit } of entries) {
      const key = creditCode.trim().toUpperCase();
      this.byCode.set(key, [...(this.byCode.get(key) ?? []), hit]);
    }
  }

  /** Every list the enterprise appears on; an empty array when it is clean. */
  async lookup(creditCode: string): Promise<NegativeListHit[]> {
    const key = creditCode.trim().toUpperCase();
    return [...(this.byCode.get(key) ?? []), ...(this.more?.(key) ?? [])].map((hit) => ({ ...hit }));
  }
}
