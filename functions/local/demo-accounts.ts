/**
 * The demo accounts of DESIGN.md §6. They exist only in the local stack (cognito-local), never in AWS.
 */

export const DEMO_PASSWORD = 'Kedai-demo-2026!';

import { ROLES, type Role } from '../../shared/roles.js';

/** Every Cognito group the portal knows; each demo account belongs to one or more. */
export const GROUPS = ROLES;
export type Group = Role;

export interface DemoAccount {
  username: string;
  groups: Group[];
  /** Branch code (lowercase English city name) for branch staff. */
  branch?: string;
  /** What the account is for, as the start banner and README describe it. */
  role: string;
}

const DOMAIN = 'demo.kedai';

export function demoAccounts(branchCodes: string[]): DemoAccount[] {
  const branchStaff = branchCodes.flatMap((code): DemoAccount[] => [
    { username: `am.${code}@${DOMAIN}`, groups: ['account-manager'], branch: code, role: `account manager, ${code}` },
    { username: `rm.${code}@${DOMAIN}`, groups: ['risk-manager'], branch: code, role: `risk manager, ${code}` },
    { username: `ap.${code}@${DOMAIN}`, groups: ['approver'], branch: code, role: `approver, ${code}` },
    { username: `pm.${code}@${DOMAIN}`, groups: ['product-manager'], branch: code, role: `product manager, ${code}` },
  ]);
  return [
    { username: `applicant@${DOMAIN}`, groups: ['applicant'], role: 'applicant' },
    // A second, unrelated enterprise: the one that must never see the first one's applications.
    { username: `applicant2@${DOMAIN}`, groups: ['applicant'], role: 'applicant (second enterprise)' },
    ...branchStaff,
    // Head office also approves what the review chain sends to head-office approval.
    { username: `hq@${DOMAIN}`, groups: ['head-office', 'approver'], role: 'head office' },
    ...[1, 2, 3].map((n): DemoAccount => ({ username: `cm${n}@${DOMAIN}`, groups: ['committee'], role: `committee member ${n}` })),
  ];
}
