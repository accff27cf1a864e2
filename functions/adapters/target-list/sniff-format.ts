import type { TargetListFormat } from '../../../shared/target-list.js';

/** XLSX is a zip (PK\3\4); CSV is text: no NUL byte and no other control bytes in the head. */
export function sniffListFormat(bytes: Uint8Array): TargetListFormat | null {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes.length === 0) return null;
  const head = bytes.subarray(0, 8192);
  for (const b of head) if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d)) return null;
  return 'csv';
}
