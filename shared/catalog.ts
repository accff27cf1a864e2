/**
 * The fixed vocabularies of an application (products, methods, labels, documents, statuses, tiers), apart from
 * the zod schemas so the web form can draw its choices without loading zod before it first validates.
 */
export const PRODUCTS = ['tech-loan', 'srdi-loan', 'ip-pledge-loan'] as const;
export const REPAYMENT_METHODS = ['equal-instalment', 'equal-principal', 'monthly-interest'] as const;
export const KNOWN_LABELS = ['tech-sme', 'high-tech', 'srdi', 'little-giant'] as const;
export const CORE_DOCUMENT_KINDS = ['business-licence', 'legal-rep-id', 'bank-account'] as const;
export const DOCUMENT_KINDS = [...CORE_DOCUMENT_KINDS, 'financial-statements', 'ip-certificate', 'other'] as const;
export const APPLICATION_STATUSES = [
  'draft', 'submitted', 'in-review', 'returned', 'approved', 'rejected', 'signed', 'active',
  // Added to §6's list: the applicant's own end of a draft or a returned application.
  'withdrawn',
] as const;
export const OUTCOMES = ['approved', 'rejected', 'referred'] as const;
export const TIERS = ['auto', 'review-approve', 'review-two-approvals', 'committee'] as const;

export type Product = (typeof PRODUCTS)[number];
export type RepaymentMethod = (typeof REPAYMENT_METHODS)[number];
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type Tier = (typeof TIERS)[number];
