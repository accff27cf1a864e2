/**
 * CSV files head office imports (the negative list), parsed in the browser so the API Lambda carries no CSV code
 * and the import goes up in parts the progress bar can count. csv-parse does the RFC 4180 work (quoted commas,
 * doubled quotes, newlines inside quotes, a BOM) that a split on commas gets wrong for Chinese court names and
 * penalty texts.
 */
import { parse } from 'csv-parse/sync';

export type CsvRow = Record<string, string>;

/** Rows keyed by the header line's names; throws with the parser's message (line and column) on broken CSV. */
export function parseCsv(text: string): { rows: CsvRow[]; lines: number[] } {
  const records = parse(text, { columns: (h: string[]) => h.map((c) => c.trim()), bom: true, skip_empty_lines: true, trim: true, info: true }) as { record: CsvRow; info: { lines: number } }[];
  return { rows: records.map((r) => r.record), lines: records.map((r) => r.info.lines) };
}

/** The rows in parts of `size`, each with the file line of every row, for an import that reports progress. */
export function inParts<T>(items: T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
