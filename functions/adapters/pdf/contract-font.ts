/**
 * The contract's CJK font: the committed WenQuanYi Micro Hei (GBK repertoire) measured with fontkit,
 * then cut down to exactly the characters a document uses with harfbuzz (subset-font) and embedded
 * whole. pdf-lib's own subsetting drops or boxes CJK glyphs, and fontkit's `locl` feature swaps
 * digits after a space, hence `subset: false` and `locl: false` (see STACK.md).
 */
import { readFile } from 'node:fs/promises';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import subsetFont from 'subset-font';
import { DomainError } from '../../../shared/errors.js';

export const CONTRACT_FONT_URL = new URL('../../assets/fonts/wqy-microhei-gbk.ttf', import.meta.url);

type FontkitFont = ReturnType<typeof fontkit.create>;

/** Thrown when text holds characters the font cannot draw: refusing beats printing empty boxes in a contract. */
export class UnsupportedCharactersError extends DomainError {
  constructor(readonly characters: string[]) {
    super('unsupported-characters', `The contract font cannot print: ${characters.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}.`, 422);
    this.name = 'UnsupportedCharactersError';
  }
}

/** Characters that take no glyph (line breaks are handled by the layout). */
const INVISIBLE = /[\n\r\t]/;

export class ContractFont {
  private readonly widthCache = new Map<number, number>();

  private constructor(private readonly bytes: Uint8Array, private readonly face: FontkitFont) {}

  /** Reads the committed font, or another TrueType font, e.g. one a Lambda bundle ships elsewhere. */
  static async load(source: URL | string = CONTRACT_FONT_URL): Promise<ContractFont> {
    return ContractFont.fromBytes(new Uint8Array(await readFile(source)));
  }

  static fromBytes(bytes: Uint8Array): ContractFont {
    return new ContractFont(bytes, fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  /** The characters of `text` the font has no glyph for, each once, in order of appearance. */
  missing(text: string): string[] {
    const out = new Set<string>();
    for (const ch of text) {
      if (ch === ' ' || INVISIBLE.test(ch)) continue;
      if (!this.face.hasGlyphForCodePoint(ch.codePointAt(0)!)) out.add(ch);
    }
    return [...out];
  }

  /** Width in points of `text` at `size`; advance widths are kept by subsetting, so layout can be done before embedding. */
  width(text: string, size: number): number {
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let w = this.widthCache.get(cp);
      if (w === undefined) {
        w = this.face.glyphForCodePoint(cp).advanceWidth;
        this.widthCache.set(cp, w);
      }
      units += w;
    }
    return (units * size) / this.face.unitsPerEm;
  }

  /** Embeds one subset holding exactly the characters of `text`, after refusing any the font lacks. */
  async embed(doc: PDFDocument, text: string): Promise<PDFFont> {
    const missing = this.missing(text);
    if (missing.length > 0) throw new UnsupportedCharactersError(missing);
    const chars = [...new Set(text.replace(/[\n\r\t]/g, ''))].join('') + ' ';
    const subset = await subsetFont(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength), chars, { targetFormat: 'sfnt', noHinting: true });
    doc.registerFontkit(fontkit);
    return doc.embedFont(new Uint8Array(subset), { subset: false, features: { locl: false } });
  }
}

let shared: Promise<ContractFont> | undefined;
let source: URL | string = CONTRACT_FONT_URL;

/**
 * A bundled Lambda has no repo layout to resolve CONTRACT_FONT_URL against; its entry points here at the
 * copy the bundle ships (config CONTRACT_FONT_PATH).
 */
export function useContractFontAt(path: string | undefined) {
  if (!path || path === source) return;
  source = path;
  shared = undefined;
}

/** The contract font, read once per process (a warm Lambda reuses it). */
export function defaultContractFont(): Promise<ContractFont> {
  shared ??= ContractFont.load(source).catch((err) => { shared = undefined; throw err; });
  return shared;
}
