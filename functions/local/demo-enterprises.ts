/**
 * Local stack only: each demo applicant owns one verified demo enterprise (DESIGN.md §7.1), the first strong firm of
 * its city in the registry data set, so the same firm on every machine. Bound without the deposit round.
 */
import { seedVerifiedOwner } from '../core/use-cases/enterprises.js';
import type { Deps } from '../core/ports.js';

export const DEMO_ENTERPRISE_OWNERS = [
  { username: 'applicant@demo.kedai', division: '410100' },
  // Another city, so the two unrelated enterprises are routed to different branches.
  { username: 'applicant2@demo.kedai', division: '410300' },
] as const;

export async function seedDemoEnterprises(deps: Deps): Promise<{ username: string; creditCode: string; name: string }[]> {
  const out: { username: string; creditCode: string; name: string }[] = [];
  for (const { username, division } of DEMO_ENTERPRISE_OWNERS) {
    const [firm] = await deps.registry.demoEnterprises!({ division, kind: 'strong' });
    const facts = await seedVerifiedOwner(deps, username, firm.creditCode);
    if (facts) out.push({ username, creditCode: facts.creditCode, name: facts.name });
  }
  return out;
}
