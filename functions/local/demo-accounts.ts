/**
 * The demo accounts of DESIGN.md §6 and §7.5. They exist only in the local stack (cognito-local), never in AWS.
 */

export const DEMO_PASSWORD = 'Kedai-demo-2026!';

import { SEED_CONFIG, type BankConfig } from '../../shared/bank-config.js';
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

/**
 * The local stack's version 1 of the bank configuration: the seed with the demo credit committee (cm1–cm5 at head
 * office) and hq, hq2 as alternates, so recusals and escalation can be tried. AWS starts from the plain seed.
 */
export function demoConfigSeed(): BankConfig {
  return {
    ...SEED_CONFIG,
    committee: { ...SEED_CONFIG.committee, headOffice: [1, 2, 3, 4, 5].map((n) => `cm${n}@${DOMAIN}`), alternates: [`hq@${DOMAIN}`, `hq2@${DOMAIN}`] },
  };
}

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
    // A second head-office user: a change one proposes, the other approves (four eyes, DESIGN.md §7.5).
    { username: `hq2@${DOMAIN}`, groups: ['head-office', 'approver'], role: 'head office (second, for four eyes)' },
    ...[1, 2, 3, 4, 5].map((n): DemoAccount => ({ username: `cm${n}@${DOMAIN}`, groups: ['committee'], role: `committee member ${n}` })),
  ];
}
