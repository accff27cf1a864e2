/**
 * Every role (a Cognito group) the portal knows, in one place: the API, the use cases, the lifecycle table,
 * the SPA, the CDK user pool and the local demo accounts all read it from here.
 */
export const ROLES = [
  'applicant', 'account-manager', 'risk-manager', 'approver', 'committee', 'head-office', 'operator',
  // A branch's product manager receives target-list leads (DESIGN.md §7.4); until that exists it only signs in.
  'product-manager',
] as const;
export type Role = (typeof ROLES)[number];

/** Bank staff who work applications (the queue, the review chain). Operators provision accounts and are not among them. */
export const STAFF_ROLES = ['account-manager', 'risk-manager', 'approver', 'committee', 'head-office'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  applicant: { zh: '申请企业', en: 'Applicant' },
  'account-manager': { zh: '客户经理', en: 'Account manager' },
  'risk-manager': { zh: '风险经理', en: 'Risk manager' },
  approver: { zh: '审批人', en: 'Approver' },
  committee: { zh: '贷审会委员', en: 'Credit committee member' },
  'head-office': { zh: '总行', en: 'Head office' },
  operator: { zh: '运维管理员', en: 'Operator' },
  'product-manager': { zh: '产品经理', en: 'Product manager' },
};

export const isRole = (g: string): g is Role => (ROLES as readonly string[]).includes(g);
export const isStaffRole = (g: string): g is StaffRole => (STAFF_ROLES as readonly string[]).includes(g);
/** True when any of the groups is a staff role. */
export const hasStaffRole = (groups: readonly string[]) => groups.some(isStaffRole);
