import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../shared/credit-code.js';
import { classifyLead } from '../../shared/lead-stratification.js';
import {
  RowMerger, addChunk, chooseLeadAssignee, divisionFromCell, emptySummary, invitationPrefill, mapColumns,
  normaliseHeader, parseLabels, parseListDate, parseMoney, screeningReasons, validateRow, type ColumnMap,
} from '../../shared/target-list.js';

const code = (first17: string) => first17 + creditCodeCheckChar(first17);
const ZZ = code('91410100MA0000001');
const LY = code('91410300MA0000002');
const JY = code('91419001MA0000003');

function columns(headers: string[]): ColumnMap {
  const r = mapColumns(headers);
  if (!r.ok) throw new Error(r.message);
  return r.columns;
}

describe('column mapping', () => {
  it('understands Chinese headers, brackets, full-width characters and a BOM', () => {
    const r = mapColumns(['\uFEFF统一社会信用代码', '企业名称（全称）', '所在地区', '所属行业', '成立日期', '认定类型', '年度', '营业收入（万元）', '资产总额(万元)', '负债总额（万元）', '净利润（万元）', '备注']);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.columns).sort()).toEqual(['creditCode', 'division', 'establishedOn', 'industry', 'label', 'name', 'netProfit', 'revenue', 'totalAssets', 'totalLiabilities', 'year'].sort());
    expect(r.columns.revenue!.fenPerUnit).toBe(1_000_000);
    expect(r.ignored).toEqual(['备注']);
  });

  it('understands English headers in any case and spacing, money in yuan by default', () => {
    const r = columns(['Credit Code', 'Name', 'Division', 'Industry', 'Established', 'Label', 'Year', 'Revenue', 'Total assets', 'Total_Liabilities', 'Net profit']);
    expect(r.creditCode!.index).toBe(0);
    expect(r.totalLiabilities!.index).toBe(9);
    expect(r.revenue!.fenPerUnit).toBe(100);
  });

  it('accepts 行政区划 for the division', () => {
    expect(columns(['统一社会信用代码', '企业名称', '行政区划', '行业']).division!.index).toBe(2);
  });

  it('names every missing required column in both languages', () => {
    const r = mapColumns(['企业名称', 'foo']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.missing).toEqual(['creditCode', 'industry']);
    expect(r.message).toMatch(/credit code, industry/);
    expect(r.messageZh).toMatch(/统一社会信用代码、行业/);
  });

  it('normalises headers', () => {
    expect(normaliseHeader(' Credit_Code ')).toBe('creditcode');
    expect(normaliseHeader('营业收入（万元）')).toBe('营业收入');
  });
});

describe('cells', () => {
  it.each([
    ['高新技术企业', ['high-tech']],
    ['科技型中小企业；专精特新中小企业', ['tech-sme', 'srdi']],
    ['专精特新“小巨人”企业', ['little-giant']],
    ['High-tech, Tech SME', ['high-tech', 'tech-sme']],
    ['Innovative SME', ['innovative-sme']],
    ['', []],
  ])('labels %s → %j', (cell, labels) => expect(parseLabels(cell)).toEqual(labels));

  it.each([
    ['410105', '410105'], ['郑州市金水区', '410100'], ['Luoyang', '410300'], ['Nanyang', '411300'], ['Anyang City', '410500'], ['济源市', '419001'],
    ['110000', null], ['北京市', null], ['410199', '410199'],
  ])('division %s → %s', (cell, division) => expect(divisionFromCell(cell)).toBe(division));

  it.each([
    ['2015-03-08', '2015-03-08'], ['2015/3/8', '2015-03-08'], ['2015年3月8日', '2015-03-08'], ['20150308', '2015-03-08'],
    ['42071', '2015-03-08'], ['2015-02-30', null], ['soon', null],
  ])('date %s → %s', (cell, date) => expect(parseListDate(cell)).toBe(date));

  it('reads money in the header unit as integer fen', () => {
    expect(parseMoney('1,234.56', 100)).toBe(123_456);
    expect(parseMoney('12.5', 1_000_000)).toBe(12_500_000);
    expect(parseMoney('¥-3', 100)).toBe(-300);
    expect(parseMoney('n/a', 100)).toBeNull();
  });
});

describe('row validation', () => {
  const cols = columns(['统一社会信用代码', '企业名称', '所在地区', '行业', '成立日期', '认定类型', '年度', '营业收入（万元）', '资产总额（万元）', '负债总额（万元）', '净利润（万元）']);
  const row = (over: Partial<Record<number, string>> = {}) => {
    const cells = [ZZ, '郑州示例科技有限公司', '郑州市', '软件和信息技术服务业', '2012-05-01', '高新技术企业', '2025', '3000', '2500', '1000', '300'];
    for (const [i, v] of Object.entries(over)) cells[Number(i)] = v!;
    return cells;
  };

  it('keeps a good row, normalised, figures in fen', () => {
    const r = validateRow(row(), 2, cols, '科技型中小企业');
    expect(r).toEqual({
      ok: true,
      row: {
        line: 2, creditCode: ZZ, name: '郑州示例科技有限公司', divisionCode: '410100', industry: '软件和信息技术服务业',
        industryBucket: 'software-it', establishedOn: '2012-05-01', labels: ['high-tech', 'tech-sme'], year: 2025,
        financials: { revenue: 3_000_000_000, totalAssets: 2_500_000_000, totalLiabilities: 1_000_000_000, netProfit: 300_000_000 },
      },
    });
  });

  it('upper-cases and strips spaces in the credit code', () => {
    const r = validateRow(row({ 0: ` ${ZZ.toLowerCase().slice(0, 9)} ${ZZ.slice(9).toLowerCase()}` }), 2, cols);
    expect(r.ok && r.row.creditCode).toBe(ZZ);
  });

  it.each([
    [{ 0: '' }, 'missing-credit-code', /credit code is empty/, /统一社会信用代码为空/],
    [{ 0: ZZ.slice(0, 17) + (ZZ[17] === '0' ? '1' : '0') }, 'invalid-credit-code', /check character/, /校验位/],
    [{ 0: ZZ.slice(0, 10) }, 'invalid-credit-code', /18 characters/, /18 位/],
    [{ 1: '' }, 'missing-name', /name is empty/, /企业名称为空/],
    [{ 3: ' ' }, 'missing-industry', /industry is empty/, /行业为空/],
    [{ 2: '北京市' }, 'unknown-division', /not a Henan division/, /河南省/],
    [{ 4: '2012-13-01' }, 'invalid-date', /not a date/, /日期/],
    [{ 6: 'last year' }, 'invalid-year', /not a year/, /年度/],
    [{ 7: 'lots' }, 'invalid-number', /revenue "lots" is not a number/, /营业收入/],
    [{ 8: '-5' }, 'invalid-number', /total assets cannot be negative/, /资产总额/],
  ])('refuses %j with code %s, the line and a reason in both languages', (over, code, en, zh) => {
    const r = validateRow(row(over), 7, cols);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.bad.line).toBe(7);
    expect(r.bad.code).toBe(code);
    expect(r.bad.reason).toMatch(/^Line 7: /);
    expect(r.bad.reason).toMatch(en);
    expect(r.bad.reasonZh).toMatch(/^第 7 行：/);
    expect(r.bad.reasonZh).toMatch(zh);
  });

  it('takes the division from the credit code when the list has no division column', () => {
    const c = columns(['credit code', 'name', 'industry']);
    const r = validateRow([JY, 'Jiyuan Tech', 'new materials'], 3, c);
    expect(r.ok && r.row.divisionCode).toBe('419001');
  });

  it('refuses a code registered outside Henan when there is no division column', () => {
    const c = columns(['credit code', 'name', 'industry']);
    const r = validateRow([code('91110000MA0000009'), 'Beijing Co', 'software'], 4, c);
    expect(!r.ok && r.bad.code).toBe('unknown-division');
  });

  it('keeps a row with partial figures but does not stratify on them', () => {
    const r = validateRow(row({ 9: '', 10: '' }), 2, cols);
    expect(r.ok && r.row.financials).toBeUndefined();
  });
});

describe('de-duplication and merge', () => {
  const base = { name: 'A', divisionCode: '410100', industry: 'software', industryBucket: 'software-it' as const };
  it('folds rows of one credit code, unites labels, keeps the latest figures and counts duplicates', () => {
    const m = new RowMerger();
    m.add({ ...base, line: 2, creditCode: ZZ, labels: ['tech-sme'], year: 2024, financials: { revenue: 1, totalAssets: 1, totalLiabilities: 1, netProfit: 1 } });
    m.add({ ...base, line: 3, creditCode: LY, labels: ['high-tech'] });
    m.add({ ...base, line: 4, creditCode: ZZ, labels: ['high-tech'], year: 2025, financials: { revenue: 2, totalAssets: 2, totalLiabilities: 2, netProfit: 2 } });
    m.add({ ...base, line: 5, creditCode: ZZ, labels: ['tech-sme'], year: 2023 });
    expect(m.duplicates).toBe(2);
    const rows = m.rows();
    expect(rows.map((r) => r.creditCode)).toEqual([ZZ, LY]);
    expect(rows[0]).toMatchObject({ line: 2, labels: ['tech-sme', 'high-tech'], year: 2025, financials: { revenue: 2 } });
    expect([...m.mergedCodes()]).toEqual([ZZ]);
  });
});

describe('screening, classes, distribution', () => {
  it('gives one reason per negative-list hit in both languages', () => {
    const r = screeningReasons([{ list: 'dishonest-debtor', detail: '(2025)豫01执1234号', since: '2025-06-18' }]);
    expect(r).toEqual([{ list: 'dishonest-debtor', reason: 'On the dishonest-debtor list since 2025-06-18: (2025)豫01执1234号', reasonZh: '列入失信被执行人名单（2025-06-18 起）：(2025)豫01执1234号' }]);
  });

  it('ranks an old, labelled, profitable firm above a young one with no labels in the same industry', () => {
    const strong = classifyLead({ industryBucket: 'software-it', establishedOn: '2010-01-01', labels: ['high-tech', 'srdi', 'tech-sme'], financials: { revenue: 50_000_000_000, totalAssets: 30_000_000_000, totalLiabilities: 6_000_000_000, netProfit: 8_000_000_000 } }, '2026-12-02');
    const weak = classifyLead({ industryBucket: 'software-it', establishedOn: '2025-01-01', labels: [], financials: { revenue: 10_000_000, totalAssets: 50_000_000, totalLiabilities: 60_000_000, netProfit: -5_000_000 } }, '2026-12-02');
    expect(strong.class).toBe('A');
    expect(weak.class).toBe('C');
    expect(strong.compositeScore).toBeGreaterThan(weak.compositeScore);
  });

  it('stands the industry median in for missing figures and says so', () => {
    const r = classifyLead({ industryBucket: 'biomedicine', establishedOn: '2012-01-01', labels: ['high-tech'] }, '2026-12-02');
    expect(r.imputed).toBe(true);
    expect(['A', 'B', 'C']).toContain(r.class);
  });

  it('sends an existing customer to its account manager, a new one to the least-loaded product manager', () => {
    expect(chooseLeadAssignee('am.zhengzhou@demo.kedai', [{ username: 'pm.zhengzhou@demo.kedai', leads: 0 }]))
      .toEqual({ assignee: 'am.zhengzhou@demo.kedai', assigneeRole: 'account-manager' });
    expect(chooseLeadAssignee(null, [{ username: 'pm.b', leads: 5 }, { username: 'pm.a', leads: 5 }, { username: 'pm.c', leads: 2 }]))
      .toEqual({ assignee: 'pm.c', assigneeRole: 'product-manager' });
    expect(chooseLeadAssignee(null, [{ username: 'pm.b', leads: 1 }, { username: 'pm.a', leads: 1 }]).assignee).toBe('pm.a');
    expect(chooseLeadAssignee(null, [])).toEqual({ assignee: null, assigneeRole: null });
  });

  it('adds chunk counts into the summary', () => {
    const s = addChunk(addChunk(emptySummary(), { merged: 1, screenedOut: 2, classes: { A: 1, B: 2, C: 3 }, leads: 6 }), { merged: 0, screenedOut: 1, classes: { A: 1, B: 0, C: 0 }, leads: 1 });
    expect(s).toMatchObject({ merged: 1, screenedOut: 3, classes: { A: 2, B: 2, C: 3 }, leads: 7 });
  });

  it('pre-fills an application with the public facts only', () => {
    expect(invitationPrefill({ creditCode: ZZ, name: 'N', industry: 'software', divisionCode: '410100', establishedOn: '2012-05-01', labels: ['srdi'] }))
      .toEqual({ enterprise: { creditCode: ZZ, name: 'N', industry: 'software', registeredDivision: '410100', establishedOn: '2012-05-01', labels: ['srdi'] } });
  });
});
