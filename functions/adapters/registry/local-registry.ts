/**
 * The registry port over the committed demo data set (local stack and in-memory tests). The file is read and
 * indexed once per process, on first use, so the API Lambda never carries it: in AWS the gateway adapter serves.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { locateDivision } from '../../../shared/divisions.js';
import type { DemoKind, EnterpriseFacts } from '../../../shared/enterprise.js';
import type { NegativeListHit } from '../../../shared/types.js';
import type { DemoEnterprise, RegistryPort } from '../../core/ports.js';
import { COLUMNS, DATASET_URL, parseRow, type DatasetRow } from './dataset.js';

/**
 * The inflated file and where each firm's line starts, not 20,652 parsed objects: a line is parsed when looked up
 * (a fresh object, so no copy is needed), which keeps the data set to a few MB in every process that loads it.
 */
interface Loaded { text: Buffer; starts: number[]; byCode: Map<string, number> }
const loaded = new Map<string, Loaded>();
const NL = 0x0a;
const TAB = 0x09;
const KIND = COLUMNS.indexOf('kind');
const DIVISION = COLUMNS.indexOf('division');
const HEAD = Math.max(KIND, DIVISION) + 1;

function load(file: string | URL): Loaded {
  const key = String(file);
  let data = loaded.get(key);
  if (!data) {
    const text = gunzipSync(readFileSync(file));
    const starts: number[] = [];
    const byCode = new Map<string, number>();
    // The first line is the header; a code is the first column, ASCII.
    for (let at = text.indexOf(NL) + 1; at > 0 && at < text.length; at = text.indexOf(NL, at) + 1) {
      if (text[at] === NL) continue;
      starts.push(at);
      byCode.set(text.toString('latin1', at, text.indexOf(TAB, at)), at);
    }
    data = { text, starts, byCode };
    loaded.set(key, data);
  }
  return data;
}

const lineEnd = (d: Loaded, start: number) => { const end = d.text.indexOf(NL, start); return end < 0 ? d.text.length : end; };
const rowAt = (d: Loaded, start: number): DatasetRow => parseRow(d.text.toString('utf8', start, lineEnd(d, start)));

export class LocalRegistry implements RegistryPort {
  constructor(private readonly file: string | URL = DATASET_URL) {}

  async lookup(creditCode: string): Promise<EnterpriseFacts | null> {
    const d = load(this.file);
    const start = d.byCode.get(creditCode.trim().toUpperCase());
    return start === undefined ? null : rowAt(d, start).facts;
  }

  /** A county code matches its own firms; a prefecture's code matches every firm of the prefecture. */
  async demoEnterprises(filter: { division?: string; kind?: DemoKind } = {}): Promise<DemoEnterprise[]> {
    const prefecture = filter.division && locateDivision(filter.division)?.division.code === filter.division ? filter.division : null;
    const d = load(this.file);
    const out: DatasetRow[] = [];
    for (const start of d.starts) {
      // Kind and division are read off the line's head; only the firms that match are parsed.
      const line = d.text.toString('utf8', start, lineEnd(d, start));
      const head = line.split('\t', HEAD);
      const kind = head[KIND], division = head[DIVISION];
      if (filter.kind && kind !== filter.kind) continue;
      if (filter.division && division !== filter.division
        && (prefecture === null || locateDivision(division)?.division.code !== prefecture)) continue;
      out.push(parseRow(line));
    }
    return out.map((r) => ({
        creditCode: r.facts.creditCode, name: r.facts.name, division: r.facts.division, kind: r.kind,
        legalRepresentative: { ...r.facts.legalRepresentative },
      }));
  }

  /** The data set's negative-listed firms, as the local negative list's seed entries. */
  negativeListed(): (NegativeListHit & { creditCode: string; source: string })[] {
    const d = load(this.file);
    // Only lines whose last column (the hit) is filled are parsed.
    return d.starts.filter((start) => { const end = lineEnd(d, start); return end > start && d.text[end - 1] !== TAB; })
      .map((start) => rowAt(d, start)).filter((r) => r.negativeListHit).map((r) => ({
        creditCode: r.facts.creditCode, source: 'Kedai demo registry', ...r.negativeListHit!,
      }));
  }
}
