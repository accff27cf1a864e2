/**
 * What the bank already knows about an enterprise (registry, government lists, tax filings, social insurance),
 * and the rules that compare an application with it. Plain data and pure functions.
 */
import { locateDivision } from './divisions.js';
import type { EnterpriseInput } from './schemas/application.js';
import type { Discrepancy } from './types.js';

export type RegistryStatus = 'in-operation' | 'revoked' | 'cancelled';

/** Local demo data only: what a firm is for. Strong ones are approved automatically, weak ones not, the others refused. */
export const DEMO_KINDS = ['strong', 'weak', 'negative-list', 'revoked'] as const;
export type DemoKind = (typeof DEMO_KINDS)[number];

/** A figure with where it came from and for which year. */
export interface Sourced {
  value: number;
  year: number;
  source: string;
}

export interface ConfirmedLabel {
  label: string;
  source: string;
  year: number;
}

export const FINANCIAL_FIELDS = ['revenue', 'totalAssets', 'totalLiabilities', 'netProfit', 'rdExpense'] as const;
export type FinancialField = (typeof FINANCIAL_FIELDS)[number];

export interface EnterpriseFacts {
  creditCode: string;
  name: string;
  status: RegistryStatus;
  legalRepresentative: { name: string; idNumber: string };
  /** GB/T 2260 code of the registration authority (characters 3–8 of the credit code). */
  division: string;
  industry: string;
  establishedOn: string;
  /** fen */
  registeredCapital: number;
  address: string;
  /** Labels confirmed by an imported government list. */
  labels: ConfirmedLabel[];
  /** Tax-filed figures (fen). */
  financials: Record<FinancialField, Sourced>;
  /** Social-insurance headcount. */
  employees: Sourced;
  techStaff: Sourced;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough to recognise, not enough to copy. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

const normaliseName = (s: string) => s.normalize('NFKC').replace(/[\s·•.]/g, '');

/** The typed legal representative is the registry's: same name (spacing and middle dots aside) and ID number. */
export function legalRepresentativeMatches(facts: EnterpriseFacts, given: { name: string; idNumber: string }): boolean {
  return normaliseName(facts.legalRepresentative.name) === normaliseName(given.name)
    && facts.legalRepresentative.idNumber === given.idNumber.trim().toUpperCase();
}

/**
 * How far a declared figure may sit from the bank's before a person looks: 10% of the larger of the two,
 * and never less than ¥1,000 (or one person), so rounding is not a discrepancy. A named constant until the
 * bank's rules are configuration.
 */
export const DECLARED_FIGURE_TOLERANCE = 0.1;
const FLOOR = { money: 100_000, people: 1 };

export type { Discrepancy };

function differs(declared: number, bank: number, floor: number): boolean {
  return Math.abs(declared - bank) > Math.max(floor, DECLARED_FIGURE_TOLERANCE * Math.max(Math.abs(declared), Math.abs(bank)));
}

/** Declared figures beyond the tolerance from the bank's data, in the application's field names. */
export function compareDeclared(e: Pick<EnterpriseInput, 'employees' | 'techStaff' | 'financials'>, facts: EnterpriseFacts): Discrepancy[] {
  const out: Discrepancy[] = [];
  for (const f of FINANCIAL_FIELDS) {
    const bank = facts.financials[f];
    if (differs(e.financials[f], bank.value, FLOOR.money)) out.push({ field: `enterprise.financials.${f}`, declared: e.financials[f], bank: bank.value, source: bank.source, year: bank.year });
  }
  for (const f of ['employees', 'techStaff'] as const) {
    const bank = facts[f];
    if (differs(e[f], bank.value, FLOOR.people)) out.push({ field: `enterprise.${f}`, declared: e[f], bank: bank.value, source: bank.source, year: bank.year });
  }
  return out;
}

/**
 * The enterprise an application is for, as verified: its name, code and legal representative are the registry's
 * (the contract's borrower), whatever the form said; the rest is the applicant's declaration. A typed name that
 * differs is returned apart, for the audit trail only.
 */
export function verifiedEnterprise<E extends Pick<EnterpriseInput, 'name' | 'creditCode'>>(declared: E, facts: EnterpriseFacts) {
  return {
    enterprise: { ...declared, name: facts.name, creditCode: facts.creditCode, legalRepresentative: { name: facts.legalRepresentative.name } },
    typedName: declared.name === facts.name ? undefined : declared.name,
  };
}

/** Only labels a government list confirms count; the rest are noted, not used. */
export function confirmLabels(declared: string[], facts: EnterpriseFacts): { confirmed: string[]; unconfirmed: string[] } {
  const known = new Set(facts.labels.map((l) => l.label));
  const unique = [...new Set(declared)];
  return { confirmed: unique.filter((l) => known.has(l)), unconfirmed: unique.filter((l) => !known.has(l)) };
}

/**
 * The registered division is the credit code's own; a declared one may only name a county or district inside the
 * same prefecture (a firm registered with the city authority that sits in one of its counties). Null when fine.
 */
export function registeredDivisionProblem(creditCode: string, declared: string | undefined): string | null {
  if (declared === undefined) return null;
  const own = creditCode.slice(2, 8);
  if (declared === own) return null;
  const a = locateDivision(own);
  const b = locateDivision(declared);
  if (a && b && a.division.code === b.division.code) return null;
  return `The registered division is the credit code's own (${own}); a declared division may only refine it within the same prefecture.`;
}

/** The profile of DESIGN.md §7.1: what pre-fills the application form, the legal representative masked. */
export function enterpriseProfile(facts: EnterpriseFacts) {
  return {
    creditCode: facts.creditCode,
    name: facts.name,
    status: facts.status,
    establishedOn: facts.establishedOn,
    division: facts.division,
    industry: facts.industry,
    employees: facts.employees.value,
    techStaff: facts.techStaff.value,
    registeredCapital: facts.registeredCapital,
    address: facts.address,
    legalRepresentative: { name: maskName(facts.legalRepresentative.name) },
    labels: facts.labels.map((l) => ({ ...l })),
    financials: Object.fromEntries(FINANCIAL_FIELDS.map((f) => [f, { ...facts.financials[f] }])) as Record<FinancialField, Sourced>,
    sources: { employees: { year: facts.employees.year, source: facts.employees.source }, techStaff: { year: facts.techStaff.year, source: facts.techStaff.source } },
  };
}
export type EnterpriseProfile = ReturnType<typeof enterpriseProfile>;
