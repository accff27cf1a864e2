/**
 * Reads a target-list file row by row. CSV through csv-parse (the node-csv project: streaming, RFC 4180 quoting,
 * BOMs, ragged rows), XLSX through exceljs's streaming WorkbookReader (rows as the zip inflates, the workbook is
 * never built in memory). The format is sniffed from the bytes, never taken from the name.
 */
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { TargetListFormat } from '../../../shared/target-list.js';

export interface RawRow { line: number; cells: string[] }

export { sniffListFormat } from './sniff-format.js';

/** Government lists are often saved from Excel in GB18030 (GBK); anything that is not UTF-8 is read as that. */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

async function* csvRows(bytes: Uint8Array): AsyncGenerator<RawRow> {
  const parser = Readable.from([decodeText(bytes)]).pipe(parse({
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
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
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
