/**
 * The registry port over the committed demo data set (local stack and in-memory tests). The file is read and
 * parsed once per process, on first use, so the API Lambda never carries it: in AWS the gateway adapter serves.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { locateDivision } from '../../../shared/divisions.js';
import type { DemoKind, EnterpriseFacts } from '../../../shared/enterprise.js';
import type { NegativeListHit } from '../../../shared/types.js';
import type { DemoEnterprise, RegistryPort } from '../../core/ports.js';
import { DATASET_URL, parseRow, type DatasetRow } from './dataset.js';

const loaded = new Map<string, { rows: DatasetRow[]; byCode: Map<string, DatasetRow> }>();

function load(file: string | URL) {
  const key = String(file);
  let data = loaded.get(key);
  if (!data) {
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter(Boolean).slice(1);
    const rows = lines.map(parseRow);
    data = { rows, byCode: new Map(rows.map((r) => [r.facts.creditCode, r])) };
    loaded.set(key, data);
  }
  return data;
}

const copy = <T>(x: T): T => structuredClone(x);

export class LocalRegistry implements RegistryPort {
  constructor(private readonly file: string | URL = DATASET_URL) {}

  async lookup(creditCode: string): Promise<EnterpriseFacts | null> {
    const row = load(this.file).byCode.get(creditCode.trim().toUpperCase());
    return row ? copy(row.facts) : null;
  }

  /** A county code matches its own firms; a prefecture's code matches every firm of the prefecture. */
  async demoEnterprises(filter: { division?: string; kind?: DemoKind } = {}): Promise<DemoEnterprise[]> {
    const prefecture = filter.division && locateDivision(filter.division)?.division.code === filter.division ? filter.division : null;
    return load(this.file).rows
      .filter((r) => !filter.kind || r.kind === filter.kind)
      .filter((r) => !filter.division || r.facts.division === filter.division
        || (prefecture !== null && locateDivision(r.facts.division)?.division.code === prefecture))
      .map((r) => ({
        creditCode: r.facts.creditCode, name: r.facts.name, division: r.facts.division, kind: r.kind,
        legalRepresentative: { ...r.facts.legalRepresentative },
      }));
  }

  /** The data set's negative-listed firms, as the local negative list's seed entries. */
  negativeListed(): (NegativeListHit & { creditCode: string; source: string })[] {
    return load(this.file).rows.filter((r) => r.negativeListHit).map((r) => ({
      creditCode: r.facts.creditCode, source: 'Kedai demo registry', ...copy(r.negativeListHit!),
    }));
  }
}
