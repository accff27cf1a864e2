/**
 * Government target lists (DESIGN.md §2 stage 1, §7.4): which column is which (Chinese or English headers), what
 * makes a row good, de-duplication by credit code with labels merged, and what a lead is. Plain data and pure
 * functions: the parser adapter feeds cells in, the import use case persists what comes out.
 */
import { validateCreditCode } from './credit-code.js';
import { HENAN_DIVISIONS, locateDivision } from './divisions.js';
import { industryBucket, type IndustryBucket } from './scoring/industry.js';
import type { NegativeListHit, StratClass } from './types.js';

/** Largest list file accepted (the upload slot refuses a larger declared size, the import the stored bytes). */
export const MAX_TARGET_LIST_BYTES = 50 * 1024 * 1024;
/** Rows per workflow chunk: a chunk's lookups and writes stay well inside one Lambda invocation. */
export const TARGET_LIST_CHUNK_ROWS = 2_000;
/** The bad rows a summary lists in full; beyond that only their count grows. */
export const MAX_BAD_ROWS_LISTED = 1_000;

export const TARGET_LIST_CONTENT_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type TargetListFormat = keyof typeof TARGET_LIST_CONTENT_TYPES;

export const LIST_COLUMNS = [
  'creditCode', 'name', 'division', 'industry', 'establishedOn', 'label', 'year',
  'revenue', 'totalAssets', 'totalLiabilities', 'netProfit', 'contact',
] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly ListColumn[] = ['creditCode', 'name', 'industry'];
const MONEY_COLUMNS: readonly ListColumn[] = ['revenue', 'totalAssets', 'totalLiabilities', 'netProfit'];

/** Header spellings seen on provincial and national lists, compared after normalise(). */
const SYNONYMS: Record<ListColumn, string[]> = {
  creditCode: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', 'creditcode', 'unifiedsocialcreditcode', 'uscc', 'socialcreditcode'],
  name: ['企业名称', '单位名称', '公司名称', '名称', '企业', 'name', 'enterprisename', 'companyname', 'enterprise', 'company'],
  division: ['所在地区', '行政区划', '行政区划代码', '区划代码', '所属地区', '地区', '所在地', '地市', 'division', 'divisioncode', 'region', 'area', 'city'],
  industry: ['行业', '所属行业', '行业类别', '行业领域', '技术领域', 'industry', 'sector', 'field'],
  establishedOn: ['成立日期', '成立时间', '注册日期', '成立年月', 'established', 'establishedon', 'dateestablished', 'founded', 'foundedon', 'establishmentdate'],
  label: ['认定类型', '认定类别', '认定名称', '资质类型', '企业类型', '类型', 'label', 'labels', 'recognition', 'recognitiontype', 'type'],
  year: ['年度', '认定年度', '年份', '入库年度', '批次年度', 'year', 'recognitionyear'],
  revenue: ['营业收入', '营收', '销售收入', '主营业务收入', 'revenue', 'operatingrevenue', 'sales'],
  totalAssets: ['资产总额', '总资产', '资产总计', 'totalassets', 'assets'],
  totalLiabilities: ['负债总额', '总负债', '负债合计', 'totalliabilities', 'liabilities'],
  netProfit: ['净利润', '利润', 'netprofit', 'profit'],
  contact: ['联系邮箱', '邮箱', '电子邮箱', '联系方式', 'email', 'contact', 'contactemail'],
};

/** Units written in a money header, in fen per unit; no unit means yuan. */
const UNITS: [RegExp, number][] = [
  [/亿元|100m ?yuan|100 million/i, 10_000_000_000],
  [/万元|10k ?yuan|10,000 ?yuan|ten thousand/i, 1_000_000],
  [/千元|1k ?yuan|thousand yuan/i, 100_000],
];

/** Case, width, spaces, BOM, punctuation and any unit in brackets do not matter: "企业名称（全称）" = "企业名称". */
export function normaliseHeader(header: string): string {
  return header.normalize('NFKC').replace(/^\uFEFF/, '').toLowerCase()
    .replace(/[(（[【].*?[)）\]】]/g, '').replace(/[\s_\-*:：.·/]/g, '');
}

export interface ColumnRef { index: number; header: string; fenPerUnit: number }
export type ColumnMap = Partial<Record<ListColumn, ColumnRef>>;

export type ColumnsResult =
  | { ok: true; columns: ColumnMap; ignored: string[] }
  | { ok: false; missing: ListColumn[]; message: string; messageZh: string };

const COLUMN_NAMES: Record<ListColumn, { zh: string; en: string }> = {
  creditCode: { zh: '统一社会信用代码', en: 'credit code' },
  name: { zh: '企业名称', en: 'name' },
  division: { zh: '所在地区', en: 'division' },
  industry: { zh: '行业', en: 'industry' },
  establishedOn: { zh: '成立日期', en: 'established' },
  label: { zh: '认定类型', en: 'label' },
  year: { zh: '年度', en: 'year' },
  revenue: { zh: '营业收入', en: 'revenue' },
  totalAssets: { zh: '资产总额', en: 'total assets' },
  totalLiabilities: { zh: '负债总额', en: 'total liabilities' },
  netProfit: { zh: '净利润', en: 'net profit' },
  contact: { zh: '联系邮箱', en: 'contact' },
};

/** Maps a header row to the columns we know; the first header matching a column wins, the rest are ignored. */
export function mapColumns(headers: readonly string[]): ColumnsResult {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  headers.forEach((header, index) => {
    const key = normaliseHeader(header);
    const column = key ? LIST_COLUMNS.find((c) => !columns[c] && SYNONYMS[c].includes(key)) : undefined;
    if (!column) {
      if (header.trim()) ignored.push(header.trim());
      return;
    }
    const unit = MONEY_COLUMNS.includes(column) ? UNITS.find(([re]) => re.test(header))?.[1] ?? 100 : 1;
    columns[column] = { index, header: header.trim(), fenPerUnit: unit };
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns[c]);
  if (missing.length) {
    return {
      ok: false,
      missing,
      message: `The list lacks required columns: ${missing.map((c) => COLUMN_NAMES[c].en).join(', ')} (headers found: ${headers.filter((h) => h.trim()).join(', ') || 'none'}).`,
      messageZh: `名单缺少必需的列：${missing.map((c) => COLUMN_NAMES[c].zh).join('、')}（现有表头：${headers.filter((h) => h.trim()).join('、') || '无'}）。`,
    };
  }
  return { ok: true, columns, ignored };
}

/** The government labels, canonical as the application's (shared/catalog.ts KNOWN_LABELS), matched by keyword. */
const LABEL_KEYWORDS: [string, string[]][] = [
  ['little-giant', ['小巨人', 'little giant', 'little-giant']],
  ['srdi', ['专精特新', 'srdi', 'specialised', 'specialized']],
  ['high-tech', ['高新技术企业', '高新', 'high-tech', 'hightech', 'high tech', 'hnte']],
  ['tech-sme', ['科技型中小企业', '科技型', 'tech-sme', 'tech sme', 'techsme', 'technology-based sme']],
];

/** One cell may hold several labels ("高新技术企业；专精特新"); unknown ones keep a kebab-case form of their own. */
export function parseLabels(cell: string): string[] {
  const out = new Set<string>();
  for (const part of cell.split(/[;；,，、|/]+/).map((p) => p.trim()).filter(Boolean)) {
    const lower = part.toLowerCase();
    const known = LABEL_KEYWORDS.find(([, words]) => words.some((w) => lower.includes(w)));
    if (known) out.add(known[0]);
    else {
      const slug = lower.normalize('NFKC').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
      if (slug) out.add(slug);
    }
  }
  return [...out];
}

/** "郑州市金水区", "Zhengzhou", "410105" or "419001" → the six-digit code the routing knows; null when not Henan's. */
export function divisionFromCell(cell: string): string | null {
  const text = cell.normalize('NFKC').trim();
  if (!text) return null;
  const code = /^(\d{6})/.exec(text)?.[1];
  if (code) return locateDivision(code) ? code : null;
  const lower = text.toLowerCase();
  // The longest name contained wins: "Nanyang" holds "anyang", "南阳市" does not hold "安阳".
  const names = HENAN_DIVISIONS.flatMap((d) => [[d.nameZh.replace(/市$/, ''), d.code], [d.nameEn.toLowerCase(), d.code]] as const)
    .filter(([n]) => lower.includes(n)).sort((a, b) => b[0].length - a[0].length);
  return names[0]?.[1] ?? null;
}

/** Dates as lists write them: 2015-03-08, 2015/3/8, 2015.3.8, 2015年3月8日, 20150308, or an Excel serial day. */
export function parseListDate(cell: string): string | null {
  const text = cell.normalize('NFKC').trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m && /^\d{4,5}(\.\d+)?$/.test(text)) {
    // Excel's day count from 1899-12-30 (its 1900 leap-year bug included).
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(text)) * 86_400_000);
    m = [text, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1), String(d.getUTCDate())] as unknown as RegExpExecArray;
  }
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A money cell in the header's unit → integer fen; "1,234.5" and "¥1234" read as numbers; null when not a number. */
export function parseMoney(cell: string, fenPerUnit: number): number | null {
  const text = cell.normalize('NFKC').replace(/[,\s¥￥元]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  return Math.round(Number(text) * fenPerUnit);
}

export interface ListFinancials { revenue: number; totalAssets: number; totalLiabilities: number; netProfit: number }

/** A good row, normalised. */
export interface ListRow {
  line: number;
  creditCode: string;
  name: string;
  divisionCode: string;
  industry: string;
  industryBucket: IndustryBucket;
  establishedOn?: string;
  labels: string[];
  year?: number;
  financials?: ListFinancials;
  contact?: string;
}

export interface BadRow { line: number; code: string; reason: string; reasonZh: string }

export type RowResult = { ok: true; row: ListRow } | { ok: false; bad: BadRow };

const bad = (line: number, code: string, reason: string, reasonZh: string): RowResult =>
  ({ ok: false, bad: { line, code, reason: `Line ${line}: ${reason}`, reasonZh: `第 ${line} 行：${reasonZh}` } });

/**
 * Validates one data row. `line` is the file's line (the header is line 1); `defaultLabel` is the label the
 * upload declared for the whole list, added to the row's own.
 */
export function validateRow(cells: readonly string[], line: number, columns: ColumnMap, defaultLabel?: string): RowResult {
  const cell = (c: ListColumn) => {
    const ref = columns[c];
    return ref ? String(cells[ref.index] ?? '').normalize('NFKC').trim() : '';
  };
  const creditCode = cell('creditCode').toUpperCase().replace(/\s/g, '');
  const name = cell('name');
  const industry = cell('industry');
  if (!creditCode) return bad(line, 'missing-credit-code', 'the credit code is empty.', '统一社会信用代码为空。');
  const check = validateCreditCode(creditCode);
  if (!check.ok) {
    const zh = creditCode.length !== 18 ? `统一社会信用代码应为 18 位，此处为 ${creditCode.length} 位。`
      : /校验|check/.test(check.message) ? '统一社会信用代码的校验位（第 18 位）与前 17 位不符。'
        : '统一社会信用代码含有不允许的字符。';
    return bad(line, 'invalid-credit-code', `${creditCode}: ${check.message}`, `${creditCode}：${zh}`);
  }
  if (!name) return bad(line, 'missing-name', 'the enterprise name is empty.', '企业名称为空。');
  if (!industry) return bad(line, 'missing-industry', 'the industry is empty.', '行业为空。');

  const divisionCell = cell('division');
  const divisionCode = divisionCell ? divisionFromCell(divisionCell) : locateDivision(check.divisionCode) ? check.divisionCode : null;
  if (!divisionCode) {
    const what = divisionCell || check.divisionCode;
    return bad(line, 'unknown-division', `"${what}" is not a Henan division the bank serves.`, `"${what}" 不是本行服务的河南省行政区划。`);
  }

  let establishedOn: string | undefined;
  if (cell('establishedOn')) {
    const d = parseListDate(cell('establishedOn'));
    if (!d) return bad(line, 'invalid-date', `"${cell('establishedOn')}" is not a date (use 2015-03-08).`, `"${cell('establishedOn')}" 不是有效日期（如 2015-03-08）。`);
    establishedOn = d;
  }
  let year: number | undefined;
  if (cell('year')) {
    year = Number(/^(\d{4})/.exec(cell('year'))?.[1]);
    if (!year || year < 1990 || year > 2100) return bad(line, 'invalid-year', `"${cell('year')}" is not a year.`, `"${cell('year')}" 不是有效年度。`);
  }

  let financials: ListFinancials | undefined;
  const present = MONEY_COLUMNS.filter((c) => cell(c));
  if (present.length) {
    const values: Partial<ListFinancials> = {};
    for (const c of MONEY_COLUMNS) {
      const v = cell(c) ? parseMoney(cell(c), columns[c]!.fenPerUnit) : null;
      if (cell(c) && v === null) {
        return bad(line, 'invalid-number', `${COLUMN_NAMES[c].en} "${cell(c)}" is not a number.`, `${COLUMN_NAMES[c].zh} "${cell(c)}" 不是数字。`);
      }
      if (v !== null && v < 0 && c !== 'netProfit') {
        return bad(line, 'invalid-number', `${COLUMN_NAMES[c].en} cannot be negative.`, `${COLUMN_NAMES[c].zh}不能为负数。`);
      }
      if (v !== null) values[c as keyof ListFinancials] = v;
    }
    // Stratification needs all four; a partial set is not guessed at.
    if (present.length === MONEY_COLUMNS.length) financials = values as ListFinancials;
  }

  const labels = [...new Set([...parseLabels(cell('label')), ...(defaultLabel ? parseLabels(defaultLabel) : [])])];
  const contact = cell('contact');
  return {
    ok: true,
    row: {
      line, creditCode, name, divisionCode, industry, industryBucket: industryBucket(industry),
      ...(establishedOn ? { establishedOn } : {}), labels, ...(year ? { year } : {}),
      ...(financials ? { financials } : {}), ...(/^[^\s@]+@[^\s@]+$/.test(contact) ? { contact } : {}),
    },
  };
}

/** Merges rows of one enterprise: labels united, the latest year's figures, the first row's other facts. */
export function mergeRow(into: ListRow, other: ListRow): ListRow {
  const newer = (other.year ?? 0) > (into.year ?? 0);
  return {
    ...into,
    labels: [...new Set([...into.labels, ...other.labels])],
    establishedOn: into.establishedOn ?? other.establishedOn,
    financials: newer ? other.financials ?? into.financials : into.financials ?? other.financials,
    year: Math.max(into.year ?? 0, other.year ?? 0) || undefined,
    contact: into.contact ?? other.contact,
  };
}

/** Streaming de-duplication by credit code: `add` each good row; `duplicates` counts rows folded into an earlier one. */
export class RowMerger {
  private readonly byCode = new Map<string, ListRow>();
  private readonly multi = new Set<string>();
  duplicates = 0;

  add(row: ListRow) {
    const seen = this.byCode.get(row.creditCode);
    if (!seen) {
      this.byCode.set(row.creditCode, row);
      return;
    }
    this.duplicates++;
    const merged = mergeRow(seen, row);
    if (merged.labels.length > seen.labels.length) this.multi.add(row.creditCode);
    this.byCode.set(row.creditCode, merged);
  }

  /** Unique rows in file order. */
  rows(): ListRow[] {
    return [...this.byCode.values()];
  }

  /** Codes whose labels came from more than one row. */
  mergedCodes(): ReadonlySet<string> {
    return this.multi;
  }
}

/** Why a firm is kept out of the leads, one reason per negative-list hit, in both languages. */
const LIST_NAMES: Record<NegativeListHit['list'], { zh: string; en: string }> = {
  'abnormal-business-status': { zh: '经营异常', en: 'abnormal business status' },
  'dishonest-debtor': { zh: '失信被执行人', en: 'dishonest-debtor list' },
  'tax-violation': { zh: '重大税收违法', en: 'tax violation' },
  litigation: { zh: '涉诉', en: 'litigation' },
  'administrative-penalty': { zh: '行政处罚', en: 'administrative penalty' },
  'default-elsewhere': { zh: '他行违约', en: 'default elsewhere' },
};

export interface ScreenReason { list: NegativeListHit['list']; reason: string; reasonZh: string }

export function screeningReasons(hits: readonly NegativeListHit[]): ScreenReason[] {
  return hits.map((h) => ({
    list: h.list,
    reason: `On the ${LIST_NAMES[h.list].en}${h.since ? ` since ${h.since}` : ''}: ${h.detail}`,
    reasonZh: `列入${LIST_NAMES[h.list].zh}名单${h.since ? `（${h.since} 起）` : ''}：${h.detail}`,
  }));
}

/** A lead's path to a loan; applied and approved are read from the enterprise's application. */
export const LEAD_STATUSES = ['new', 'contacted', 'invited', 'applied', 'approved', 'declined'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export interface LeadContact { at: string; by: string; note: string; outcome: 'reached' | 'no-answer' | 'declined' | 'interested' }

export interface Lead {
  creditCode: string;
  name: string;
  class: StratClass;
  compositeScore: number;
  labels: string[];
  industry: string;
  divisionCode: string;
  branch: string;
  assignee: string | null;
  /** Who the assignee is to the enterprise: its account manager (an existing customer) or a product manager (new). */
  assigneeRole: 'account-manager' | 'product-manager' | null;
  existingCustomer: boolean;
  status: LeadStatus;
  /** The import that first made it a lead; it shows once that import is done (nothing half-imported). */
  importId: string;
  imports: string[];
  establishedOn?: string;
  financials?: ListFinancials;
  contact?: string;
  contacts: LeadContact[];
  invitation?: { at: string; by: string; to: string };
  createdAt: string;
  updatedAt: string;
}

/** What an invitation pre-fills in the enterprise's application: the list's public facts, no figures. */
export function invitationPrefill(lead: Pick<Lead, 'creditCode' | 'name' | 'industry' | 'divisionCode' | 'establishedOn' | 'labels'>) {
  return {
    enterprise: {
      creditCode: lead.creditCode,
      name: lead.name,
      industry: lead.industry,
      registeredDivision: lead.divisionCode,
      ...(lead.establishedOn ? { establishedOn: lead.establishedOn } : {}),
      labels: lead.labels,
    },
  };
}

export interface ImportSummary {
  total: number;
  duplicates: number;
  merged: number;
  screenedOut: number;
  classes: Record<StratClass, number>;
  leads: number;
  badRows: { line: number; reason: string; reasonZh: string; code: string }[];
  /** Bad rows beyond those listed. */
  badRowCount: number;
}

export const emptySummary = (): ImportSummary => ({
  total: 0, duplicates: 0, merged: 0, screenedOut: 0, classes: { A: 0, B: 0, C: 0 }, leads: 0, badRows: [], badRowCount: 0,
});

/** Adds one chunk's counts into the import's; the parse step's counts (total, duplicates, bad rows) are set once. */
export function addChunk(into: ImportSummary, chunk: Pick<ImportSummary, 'merged' | 'screenedOut' | 'classes' | 'leads'>): ImportSummary {
  return {
    ...into,
    merged: into.merged + chunk.merged,
    screenedOut: into.screenedOut + chunk.screenedOut,
    classes: { A: into.classes.A + chunk.classes.A, B: into.classes.B + chunk.classes.B, C: into.classes.C + chunk.classes.C },
    leads: into.leads + chunk.leads,
  };
}

/** Where a lead goes: an existing customer to its account manager, else the least-loaded product manager of the branch. */
export function chooseLeadAssignee(
  existingManager: string | null,
  productManagers: readonly { username: string; leads: number }[],
): { assignee: string | null; assigneeRole: Lead['assigneeRole'] } {
  if (existingManager) return { assignee: existingManager, assigneeRole: 'account-manager' };
  const pm = [...productManagers].sort((a, b) => a.leads - b.leads || a.username.localeCompare(b.username))[0];
  return pm ? { assignee: pm.username, assigneeRole: 'product-manager' } : { assignee: null, assigneeRole: null };
}
