/**
 * Layout before drawing: text flows down A4 pages as a list of drawing operations, measured with
 * the contract font. Laying out first tells us every character (to subset the font to exactly
 * those) and the page count (for 第 n 页 / 共 m 页) before anything is embedded.
 */
import type { ContractFont } from './contract-font.js';

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { left: 56, right: 56, top: 64, bottom: 64 } as const;
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export type Rgb = [number, number, number];

export type DrawOp =
  | { kind: 'text'; text: string; x: number; y: number; size: number; color?: Rgb; bold?: boolean }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; color?: Rgb }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; width: number; color?: Rgb; fill?: Rgb };

/** Characters that may not start a line (Chinese line-breaking rules, 避头); they hang at the end instead. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’%,.;:?!)]}·…—']);
/** Runs that stay together: Latin words, numbers, amounts, hashes. */
const UNBREAKABLE = /^[A-Za-z0-9¥$%.,:/_@#+\-()[\]'"]+/;

/** Splits text into lines no wider than `width`; CJK breaks between any characters, Latin at spaces. */
export function wrapText(font: ContractFont, text: string, size: number, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    const limit = () => (lines.length === 0 ? firstWidth : width);
    let rest = paragraph;
    while (rest.length > 0) {
      const run = UNBREAKABLE.exec(rest)?.[0];
      let token = run ?? String.fromCodePoint(rest.codePointAt(0)!);
      // A Latin run wider than a whole line is broken where it must be.
      if (run && font.width(run, size) > limit()) token = String.fromCodePoint(rest.codePointAt(0)!);
      rest = rest.slice(token.length);
      if (font.width(line + token, size) <= limit() || line === '' || NO_LINE_START.has(token[0])) {
        line += token;
      } else {
        lines.push(line.trimEnd());
        line = token === ' ' ? '' : token;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export class PageFlow {
  readonly pages: DrawOp[][] = [];
  /** Baseline of the next line on the current page, in PDF points from the bottom. */
  y = 0;

  constructor(readonly font: ContractFont) {
    this.newPage();
  }

  get page(): DrawOp[] {
    return this.pages[this.pages.length - 1];
  }

  newPage(): void {
    this.pages.push([]);
    this.y = A4.height - MARGIN.top;
  }

  /** Starts a new page unless `height` points still fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  /** A wrapped paragraph; `indent` is the first-line indent in points, `hanging` indents the rest. */
  paragraph(text: string, opts: { size?: number; indent?: number; gapAfter?: number; bold?: boolean; align?: 'left' | 'center'; color?: Rgb; x?: number; width?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const leading = size * 1.6;
    const x0 = opts.x ?? MARGIN.left;
    const width = opts.width ?? CONTENT_WIDTH;
    const indent = opts.indent ?? 0;
    const lines = wrapText(this.font, text, size, width, width - indent);
    lines.forEach((line, i) => {
      this.ensure(leading);
      this.y -= size * 1.15;
      const w = this.font.width(line, size);
      const x = opts.align === 'center' ? x0 + (width - w) / 2 : x0 + (i === 0 ? indent : 0);
      if (line) this.page.push({ kind: 'text', text: line, x, y: this.y, size, bold: opts.bold, color: opts.color });
      this.y -= leading - size * 1.15;
    });
    this.y -= opts.gapAfter ?? 0;
  }

  text(text: string, x: number, y: number, size: number, extra: { bold?: boolean; color?: Rgb; align?: 'left' | 'right' | 'center'; page?: DrawOp[] } = {}): void {
    const w = this.font.width(text, size);
    const dx = extra.align === 'right' ? -w : extra.align === 'center' ? -w / 2 : 0;
    (extra.page ?? this.page).push({ kind: 'text', text, x: x + dx, y, size, bold: extra.bold, color: extra.color });
  }

  /** Every character any text operation draws, for subsetting. */
  characters(): string {
    const seen = new Set<string>();
    for (const page of this.pages) for (const op of page) if (op.kind === 'text') for (const ch of op.text) seen.add(ch);
    return [...seen].join('');
  }
}
