/**
 * Rebuilds the committed contract font, wqy-microhei-gbk.ttf, from Debian's fonts-wqy-microhei
 * (Apache-2.0; see LICENSE-wqy-microhei.txt). Run by hand only when the font must change:
 *   npx tsx functions/assets/fonts/build-font.ts [/usr/share/fonts/truetype/wqy/wqy-microhei.ttc]
 *
 * Why this font and this subset: it has TrueType (glyf) outlines, which is what pdf-lib embeds
 * correctly; the Noto CJK fonts Debian ships are CFF-in-TTC. The full face is 4.6 MB; keeping
 * the GBK repertoire (21k ideographs, so names with 喆, 堃 or 昇 still render, which GB2312 alone
 * would refuse) plus ASCII, Latin-1, general and CJK punctuation and full-width forms gives ~3 MB
 * without hinting. Each contract is subset again at run time to exactly its own characters.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import subsetFont from 'subset-font';

/** A TrueType Collection holds several faces sharing tables; fontverter only reads single fonts. */
function extractFace(ttc: Buffer, index: number): Buffer {
  if (ttc.toString('latin1', 0, 4) !== 'ttcf') return ttc;
  const off = ttc.readUInt32BE(12 + 4 * index);
  const numTables = ttc.readUInt16BE(off + 4);
  const header = Buffer.alloc(12 + 16 * numTables);
  ttc.copy(header, 0, off, off + 12);
  const chunks: Buffer[] = [];
  let pos = header.length;
  for (let i = 0; i < numTables; i++) {
    const rec = off + 12 + 16 * i;
    const offset = ttc.readUInt32BE(rec + 8);
    const length = ttc.readUInt32BE(rec + 12);
    ttc.copy(header, 12 + 16 * i, rec, rec + 8); // tag and checksum
    header.writeUInt32BE(pos, 12 + 16 * i + 8);
    header.writeUInt32BE(length, 12 + 16 * i + 12);
    const pad = (4 - (length % 4)) % 4;
    chunks.push(ttc.subarray(offset, offset + length), Buffer.alloc(pad));
    pos += length + pad;
  }
  return Buffer.concat([header, ...chunks]);
}

function range(from: number, to: number): string {
  let s = '';
  for (let c = from; c <= to; c++) s += String.fromCodePoint(c);
  return s;
}

function gbkRepertoire(): string {
  const decoder = new TextDecoder('gbk');
  let s = '';
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd') s += ch;
    }
  }
  return s;
}

const source = process.argv[2] ?? '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const face = extractFace(readFileSync(source), 0);
const text = range(0x20, 0x7e) + range(0xa0, 0xff) + range(0x2000, 0x206f) + range(0x2100, 0x214f)
  + range(0x2460, 0x24ff) + range(0x3000, 0x303f) + range(0xff01, 0xff5e) + range(0xffe0, 0xffe6) + gbkRepertoire();
const out = await subsetFont(face, text, { targetFormat: 'sfnt', noHinting: true });
const target = fileURLToPath(new URL('wqy-microhei-gbk.ttf', import.meta.url));
writeFileSync(target, out);
console.log(`${target}: ${(out.length / 1024 / 1024).toFixed(2)} MB`);
