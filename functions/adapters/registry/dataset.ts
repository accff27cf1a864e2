/**
 * The demo registry data set (shared/data/henan-enterprises.tsv.gz, made by tools/generate-enterprises.ts):
 * one enterprise per tab-separated line. This module is its one reader and writer, so the generator and the
 * local adapter cannot disagree about a column.
 */
import type { DemoKind, EnterpriseFacts, FinancialField, RegistryStatus } from '../../../shared/enterprise.js';
import type { NegativeListHit } from '../../../shared/types.js';

export type { DemoKind };

export interface DatasetRow {
  facts: EnterpriseFacts;
  kind: DemoKind;
  negativeListHit?: NegativeListHit;
}

export const COLUMNS = [
  'creditCode', 'name', 'kind', 'status', 'division', 'industry', 'establishedOn', 'registeredCapital', 'address',
  'repName', 'repId', 'labels', 'year', 'revenue', 'totalAssets', 'totalLiabilities', 'netProfit', 'rdExpense',
  'employees', 'techStaff', 'negativeList',
] as const;

/** Where each kind of figure comes from; one source per kind, so the file holds only the year. */
export const SOURCES = {
  financials: 'tax-filing',
  employees: 'social-insurance',
  techStaff: 'tax-filing',
} as const;
export const LABEL_SOURCES: Record<string, string> = {
  'tech-sme': 'most-tech-sme-registry',
  'high-tech': 'henan-high-tech-list',
  srdi: 'henan-srdi-list',
  'little-giant': 'miit-little-giant-list',
};

export const DATASET_URL = new URL('../../../shared/data/henan-enterprises.tsv.gz', import.meta.url);

const clean = (s: string) => s.replace(/[\t\n\r]/g, ' ');

export function formatRow(row: DatasetRow): string {
  const f = row.facts;
  const fin = f.financials;
  const hit = row.negativeListHit;
  return [
    f.creditCode, f.name, row.kind, f.status, f.division, f.industry, f.establishedOn, f.registeredCapital, f.address,
    f.legalRepresentative.name, f.legalRepresentative.idNumber,
    f.labels.map((l) => `${l.label}:${l.year}`).join(','),
    fin.revenue.year, fin.revenue.value, fin.totalAssets.value, fin.totalLiabilities.value, fin.netProfit.value, fin.rdExpense.value,
    f.employees.value, f.techStaff.value,
    hit ? `${hit.list}|${hit.since ?? ''}|${hit.detail}` : '',
  ].map((v) => clean(String(v))).join('\t');
}

export function parseRow(line: string): DatasetRow {
  const c = line.split('\t');
  if (c.length !== COLUMNS.length) throw new Error(`registry data set: ${c.length} columns in a line, expected ${COLUMNS.length}`);
  const at = (name: (typeof COLUMNS)[number]) => c[COLUMNS.indexOf(name)];
  const year = Number(at('year'));
  const money = (name: FinancialField) => ({ value: Number(at(name)), year, source: SOURCES.financials });
  const [list, since, detail] = at('negativeList') ? at('negativeList').split('|') : [];
  return {
    kind: at('kind') as DemoKind,
    facts: {
      creditCode: at('creditCode'),
      name: at('name'),
      status: at('status') as RegistryStatus,
      division: at('division'),
      industry: at('industry'),
      establishedOn: at('establishedOn'),
      registeredCapital: Number(at('registeredCapital')),
      address: at('address'),
      legalRepresentative: { name: at('repName'), idNumber: at('repId') },
      labels: at('labels') ? at('labels').split(',').map((s) => {
        const [label, y] = s.split(':');
        return { label, year: Number(y), source: LABEL_SOURCES[label] ?? 'government-list' };
      }) : [],
      financials: {
        revenue: money('revenue'), totalAssets: money('totalAssets'), totalLiabilities: money('totalLiabilities'),
        netProfit: money('netProfit'), rdExpense: money('rdExpense'),
      },
      employees: { value: Number(at('employees')), year, source: SOURCES.employees },
      techStaff: { value: Number(at('techStaff')), year, source: SOURCES.techStaff },
    },
    ...(list ? { negativeListHit: { list: list as NegativeListHit['list'], since: since || undefined, detail } } : {}),
  };
}
