/** Poppler's command-line tools, run on PDF bytes; with CJK system fonts hidden so only embedded fonts can draw. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const workDir = mkdtempSync(join(tmpdir(), 'kedai-contract-'));

/** A fontconfig that knows no fonts at all: anything drawn must come from the PDF. */
export const NO_SYSTEM_FONTS = (() => {
  const file = join(workDir, 'no-fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${join(workDir, 'fc-cache')}</cachedir></fontconfig>\n`);
  return file;
})();

let counter = 0;
export function saveTemp(bytes: Uint8Array, name = 'doc.pdf'): string {
  const file = join(workDir, `${++counter}-${name}`);
  writeFileSync(file, bytes);
  return file;
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): { stdout: string; status: number | null; stderr: string } {
  const res = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (res.error) throw res.error;
  return { stdout: res.stdout, status: res.status, stderr: res.stderr };
}

export function pdfText(pdf: Uint8Array, pages?: { first: number; last: number }): string {
  const range = pages ? ['-f', String(pages.first), '-l', String(pages.last)] : [];
  return run('pdftotext', [...range, '-enc', 'UTF-8', saveTemp(pdf), '-']).stdout;
}

export function pdfSig(pdf: Uint8Array): string {
  const res = run('pdfsig', [saveTemp(pdf)]);
  return res.stdout + res.stderr;
}

export function pdfPageCount(pdf: Uint8Array): number {
  return Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [saveTemp(pdf)]).stdout)?.[1]);
}

export function pdfImages(pdf: Uint8Array): string {
  return run('pdfimages', ['-list', saveTemp(pdf)]).stdout;
}

/** Renders one page with no system fonts, as 8-bit grey pixels, and as a PNG beside it for a human look. */
export function renderPage(pdf: Uint8Array, page: number, dpi = 50): { width: number; height: number; pixels: Uint8Array; png: string } {
  const file = saveTemp(pdf);
  const prefix = join(workDir, `page-${counter}`);
  const env = { FONTCONFIG_FILE: NO_SYSTEM_FONTS };
  run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-gray', '-singlefile', file, prefix], env);
  run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', String(dpi), '-png', '-singlefile', file, prefix], env);
  const pgmName = readdirSync(workDir).find((f) => join(workDir, f) === `${prefix}.pgm`);
  if (!pgmName) throw new Error('pdftoppm rendered nothing');
  const pgm = readFileSync(`${prefix}.pgm`);
  // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('unexpected PGM header');
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: pgm.subarray(header[0].length, header[0].length + width * height), png: `${prefix}.png` };
}

/** Share of pixels in a horizontal band (fractions of the height from the top) darker than mid-grey. */
export function inkShare(img: { width: number; height: number; pixels: Uint8Array }, fromTop: number, toTop: number): number {
  let dark = 0;
  let total = 0;
  for (let y = Math.floor(img.height * fromTop); y < Math.floor(img.height * toTop); y++) {
    for (let x = 0; x < img.width; x++) {
      total++;
      if (img.pixels[y * img.width + x] < 128) dark++;
    }
  }
  return dark / total;
}

/** pdffonts' table rows: one per distinct font object in the document. */
export function pdfFonts(pdf: Uint8Array): { name: string; type: string; embedded: boolean }[] {
  return run('pdffonts', [saveTemp(pdf)]).stdout.split('\n').slice(2).filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s{2,}|\s(?=yes|no)/);
      return { name: cols[0], type: l.includes('CID TrueType') ? 'CID TrueType' : cols[1], embedded: / yes\s+(yes|no)\s+(yes|no)\s+\d+/.test(l) };
    });
}
