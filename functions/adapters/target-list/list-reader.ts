/**
 * The ListReader port over the parsing libraries of parse-list.ts, loaded on first use: csv-parse and exceljs would
 * otherwise ride in every function's bundle (wiring imports this), the API's first.
 */
import type { ListReader } from '../../core/lead-ports.js';
import type { TargetListFormat } from '../../../shared/target-list.js';
import { sniffListFormat } from './sniff-format.js';

async function* rows(bytes: Uint8Array, format: TargetListFormat) {
  const { readListRows } = await import('./parse-list.js');
  yield* readListRows(bytes, format);
}

export const listReader: ListReader = { sniff: sniffListFormat, rows };
