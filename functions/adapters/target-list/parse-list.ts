/**
 * Reads a target-list file row by row. CSV through csv-parse (the node-csv project: streaming, RFC 4180 quoting,
 * BOMs, ragged rows), XLSX through exceljs's streaming WorkbookReader (rows as the zip inflates, the workbook is
 * never built in memory). The format is sniffed from the bytes, never taken from the name.
 */
import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { TargetListFormat } from '../../../shared/target-list.js';

export interface RawRow { line: number; cells: string[] }

export { sniffListFormat } from './sniff-format.js';

/** Government lists are often saved from Excel in GB18030 (GBK); anything that is not UTF-8 is read as that. */
const textEncoding = (bytes: Uint8Array) => (isUtf8(bytes) ? 'utf-8' : 'gb18030');

/** Decoded piece by piece as the parser asks: a 50 MB list is never held as one string beside its bytes. */
const PIECE_BYTES = 64 * 1024;
function* decodedPieces(bytes: Uint8Array): Generator<string> {
  const decoder = new TextDecoder(textEncoding(bytes));
  for (let at = 0; at < bytes.byteLength; at += PIECE_BYTES) {
    const piece = decoder.decode(bytes.subarray(at, at + PIECE_BYTES), { stream: true });
    if (piece) yield piece;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

async function* csvRows(bytes: Uint8Array): AsyncGenerator<RawRow> {
  const parser = Readable.from(decodedPieces(bytes)).pipe(parse({
    bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, info: true,
  }));
  for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    yield { line: rec.info.lines, cells: rec.record };
  }
}

type CellValue = ExcelJS.CellValue;
function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function* xlsxRows(bytes: Uint8Array): AsyncGenerator<RawRow> {
  // Loaded for an XLSX only: exceljs costs a CSV import ~20 MB of memory for nothing.
  const { default: Excel } = await import('exceljs');
  // A view of the bytes, not a copy.
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  // The first worksheet is the list; later sheets (notes, legends) are skipped.
  for await (const sheet of reader) {
    for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as CellValue[];
      const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]).trim());
      if (cells.some((c) => c)) yield { line: row.number, cells };
    }
    break;
  }
}

/** Rows in file order, the header included (its line is usually 1). */
export function readListRows(bytes: Uint8Array, format: TargetListFormat): AsyncGenerator<RawRow> {
  return format === 'csv' ? csvRows(bytes) : xlsxRows(bytes);
}
