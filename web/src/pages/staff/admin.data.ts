/** Reads for head office's rules pages. */
import { query } from '@solidjs/router';
import { api } from '../../lib/api.js';

export const getAdminConfig = query(() => api.adminConfig(), 'admin-config');
export const getProposals = query(() => api.proposals(), 'admin-proposals');
export const getNegativeList = query((creditCode?: string) => api.negativeList(creditCode), 'admin-negative-list');

/**
 * A CSV text cut into parts of about `rows` data rows, each with the header line, at line ends outside quotes
 * (RFC 4180: a newline inside a quoted field belongs to the field), with the file line each part's first row is on.
 */
export function csvParts(text: string, rows = 500): { csv: string; firstLine: number; rows: number }[] {
  const lines: string[] = [];
  let current = '';
  let quotes = 0;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    current = current ? `${current}\n${line}` : line;
    quotes += (line.match(/"/g) ?? []).length;
    if (quotes % 2 === 0) { lines.push(current); current = ''; quotes = 0; }
  }
  if (current) lines.push(current);
  const [header, ...body] = lines;
  const data = body.filter((l) => l.trim());
  const parts: { csv: string; firstLine: number; rows: number }[] = [];
  for (let i = 0; i < data.length; i += rows) {
    const chunk = data.slice(i, i + rows);
    parts.push({ csv: `${header}\n${chunk.join('\n')}\n`, firstLine: i + 2, rows: chunk.length });
  }
  return parts;
}
