/**
 * Plain data shapes shared by the domain, the adapters and the web app.
 * Money is integer fen, rates are basis points, times are ISO 8601 strings.
 */
import type { AuditStep } from './contract/audit-trail.js';
import type { ReviewState } from './review-chain.js';
import type {
  ApplicationStatus, CreateApplicationInput, DocumentKind, Outcome, Tier,
} from './schemas/application.js';

export type Band = 'green' | 'blue' | 'yellow' | 'orange' | 'red';
export type StratClass = 'A' | 'B' | 'C';

export interface Branch {
  /** lowercase English city name from henan-divisions.csv, e.g. "zhengzhou" */
  code: string;
  nameZh: string;
  nameEn: string;
  divisionCode: string;
  lat: number;
  lon: number;
}

/** A declared figure beyond the tolerance from the bank's data (shared/enterprise.ts compareDeclared). */
export interface Discrepancy {
  /** The application's field, e.g. "enterprise.financials.revenue". */
  field: string;
  declared: number;
  bank: number;
  source: string;
  year: number;
}

export interface NegativeListHit {
  list: 'abnormal-business-status' | 'dishonest-debtor' | 'tax-violation' | 'litigation'
    | 'administrative-penalty' | 'default-elsewhere';
  detail: string;
  since?: string;
  /** Who says so: the registry, court or regulator the entry came from (head office records it with the entry). */
  source?: string;
}

/** One factor that moved a decision, in words for the applicant and in detail for staff. */
export interface Reason {
  code: string;
  /** signed contribution; larger magnitude = moved the decision more */
  impact: number;
  /** The facts the sentences are made from (amounts in fen, ratios as fractions): shared/reasons.ts renders them. */
  params?: Record<string, string | number | string[] | null | undefined>;
  /** The applicant's sentence in both languages, rendered from code and params when decided. */
  text: { zh: string; en: string };
  /** Records decided before params: the engine's note for staff (English, amounts in fen). Not written any more. */
  detail?: string;
}

export interface ScheduleRow {
  period: number;
  dueDate: string;
  principal: number;
  interest: number;
}

export interface Offer {
  rateBps: number;
  aprBps: number;
  totalInterest: number;
  schedule: ScheduleRow[];
}

export interface Assessment {
  healthIndex: number;
  band: Band;
  stratClass: StratClass;
  innovationPoints: number;
  compositeScore: number;
}

export interface Decision {
  outcome: Outcome;
  /** null when rejected automatically */
  tier: Tier | null;
  reasons: Reason[];
  assessment: Assessment;
  policyVersion: string;
  /** The bank configuration version (shared/bank-config.ts) the decision was made under; absent on older records. */
  configVersion?: number;
  /** The LPR the offer was priced on, for the contract's rate clause. */
  lpr?: { rateBps: number; publishedOn: string };
  offer?: Offer;
  decidedAt: string;
  decidedBy: 'workflow' | string;
  /**
   * The facts as they stood when decided, so a replay under another configuration decides on them, not on
   * today's negative list or documents. Absent on decisions recorded before it was kept.
   */
  facts?: { negativeListHits: NegativeListHit[]; verifiedDocuments: DocumentKind[]; today: string };
}

export interface DocumentRecord {
  documentId: string;
  kind: DocumentKind;
  fileName: string;
  contentType: string;
  size: number;
  status: 'pending' | 'verified' | 'rejected';
  sha256?: string;
  reason?: string;
  objectKey: string;
  createdAt: string;
  verifiedAt?: string;
}

export interface ApplicationEvent {
  seq: number;
  at: string;
  type: string;
  actor: string;
  detail?: Record<string, unknown>;
}

/** The contract's life after approval: what was generated, signed and sealed, with its audit trail. */
export interface ContractState {
  contractNo: string;
  contractDate: string;
  /** contractTerms() of the model at generation, for the loan centre's check. */
  terms: string;
  generatedKey: string;
  generatedSha256: string;
  /** The borrower's signature as given at signing (stored beside the PDFs); the workflow draws it in. */
  signature?: { key: string; at: string; ip: string; userAgent: string };
  signedKey?: string;
  signedSha256?: string;
  signedOverSha256?: string;
  sealedKey?: string;
  sealedSha256?: string;
  reviewedAt?: string;
  otp?: { hash: string; expiresAt: string; attempts: number; sentAt: string };
  /** Codes sent in the current window, to bound how often a code can be requested. */
  otpSends?: string[];
  trail: AuditStep[];
  disbursement?: { transactionId: string; at: string; amount: number };
}

export interface MonitoringState {
  checkedOn: string;
  healthIndex: number;
  band: Band;
  /** The regulators' five-tier class (正常/关注/次级/可疑/损失) as a forward-looking signal. */
  loanClass: string;
  warnings: { code: string; severity: 'medium' | 'high'; text: { zh: string; en: string } }[];
  response: { zh: string; en: string };
  nextCheckOn: string;
}

/** The application's enterprise: the form's declaration, with the registry's legal representative once verified. */
export type ApplicationEnterprise = CreateApplicationInput['enterprise'] & {
  /** From the registry at creation or correction (absent on records from before it was kept); never typed by the applicant. */
  legalRepresentative?: { name: string };
};

export interface ApplicationRecord extends CreateApplicationInput {
  enterprise: ApplicationEnterprise;
  id: string;
  ownerId: string;
  /** The applicant's sign-in name, where notifications for them go. */
  ownerUsername?: string;
  status: ApplicationStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string;
  branch?: { code: string; name: string; nameZh: string; distanceKm: number };
  assignee?: string;
  decision: Decision | null;
  /** The human review chain, once the workflow refers the application to people. */
  review?: ReviewState;
  contract?: ContractState;
  /** The account manager's pre-loan investigation report (sections of shared/investigation-report.ts). */
  investigation?: { sections: Record<string, string>; updatedBy: string; updatedAt: string };
  /** Post-loan monitoring: the latest check of an active loan. */
  monitoring?: MonitoringState;
  /**
   * The application against what the bank already knows, at creation: declared figures beyond the tolerance
   * (they keep the case from the automatic tier) and declared labels no government list confirms (not counted).
   */
  bankCheck?: { discrepancies: Discrepancy[]; unconfirmedLabels: string[]; declaredLabels: string[]; checkedAt: string };
  /** What the reviewer asked the applicant to fix, when returned. */
  returnNote?: string;
  /** Bookkeeping of the append-only event log: how many events and the hash of the last (tamper-evident chain). */
  eventCount?: number;
  eventHash?: string;
}
