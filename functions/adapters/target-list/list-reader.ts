/** The ListReader port over the parsing libraries of parse-list.ts. */
import type { ListReader } from '../../core/lead-ports.js';
import { readListRows, sniffListFormat } from './parse-list.js';

export const listReader: ListReader = { sniff: sniffListFormat, rows: readListRows };
