import { describe, expect, it } from 'vitest';
import { formatBps, formatChineseDate, formatYuan, toChineseCapital } from '../../../shared/contract/amount-words.js';

describe('toChineseCapital', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [55, '伍角伍分'],
    [100, '壹元整'],
    [1000, '壹拾元整'],
    [1100, '壹拾壹元整'],
    [12345, '壹佰贰拾叁元肆角伍分'],
    [10050, '壹佰元伍角整'],
    [10005, '壹佰元零伍分'],
    [101000, '壹仟零壹拾元整'],
    [1000500, '壹万零伍元整'],
    [1005000, '壹万零伍拾元整'],
    [10000000, '壹拾万元整'],
    [10010000, '壹拾万零壹佰元整'],
    [10500000, '壹拾万伍仟元整'],
    [50000000, '伍拾万元整'],
    [300000000, '叁佰万元整'],
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [1000000000, '壹仟万元整'],
    [10000000000, '壹亿元整'],
    [10000000500, '壹亿零伍元整'],
    [10001000000, '壹亿零壹万元整'],
    [1000000000000, '壹佰亿元整'],
    [10_000_000_000_000, '壹仟亿元整'],
  ])('%i fen is %s', (fen, words) => {
    expect(toChineseCapital(fen)).toBe(words);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s fen', (fen) => {
    expect(() => toChineseCapital(fen)).toThrow(RangeError);
  });
});

describe('contract figures', () => {
  it.each([
    [0, '0.00'], [5, '0.05'], [12345, '123.45'], [300000000, '3,000,000.00'], [100000000000, '1,000,000,000.00'],
  ])('%i fen is written %s', (fen, figures) => {
    expect(formatYuan(fen)).toBe(figures);
  });

  it.each([[385, '3.85%'], [300, '3.00%'], [5, '0.05%'], [-20, '-0.20%']])('%i bps is %s', (bps, text) => {
    expect(formatBps(bps)).toBe(text);
  });

  it('writes dates the Chinese way without leading zeros', () => {
    expect(formatChineseDate('2026-03-05')).toBe('2026年3月5日');
  });
});
