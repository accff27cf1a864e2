import { describe, expect, it } from 'vitest';
import { SEED_CONFIG, type BankConfig } from '../../shared/bank-config.js';
import { canReachQuorum, seatCommittee } from '../../shared/committee.js';
import { startReview } from '../../shared/review-chain.js';

const HQ = ['c1', 'c2', 'c3', 'c4'];
const config: BankConfig = {
  ...SEED_CONFIG,
  committee: { quorum: 3, headOffice: HQ, alternates: ['alt1', 'alt2'] },
  branches: SEED_CONFIG.branches.map((b) => (b.code === 'luoyang' ? { ...b, committee: ['b1', 'b2', 'b3'] } : b)),
};
const review = (recused: string[] = [], claimedBy?: string) => ({ ...startReview(), recused, claimedBy });

describe('where a committee sits', () => {
  it.each([
    ['within the branch committee authority, at a branch with a committee', 200_000_000, 'luoyang', [], 'branch', ['b1', 'b2', 'b3']],
    ['above the branch committee authority', 2_000_000_000, 'luoyang', [], 'head-office', HQ],
    ['at a branch with no committee', 200_000_000, 'hebi', [], 'head-office', HQ],
    ['when a recusal leaves the branch short', 200_000_000, 'luoyang', ['b2'], 'head-office', HQ],
    ['when recusals leave head office short: alternates sit', 2_000_000_000, 'luoyang', ['c1', 'c2'], 'head-office', ['c3', 'c4', 'alt1', 'alt2']],
  ])('%s', (_name, amount, branch, recused, seat, members) => {
    const s = seatCommittee(config, { amount, branch }, review(recused));
    expect(s).toMatchObject({ kind: 'seated', seat: { seat, members } });
  });

  it('never deadlocks: with too few members and alternates the case goes to a head-office approver', () => {
    expect(seatCommittee(config, { amount: 2_000_000_000, branch: 'hebi' }, review(['c1', 'c2', 'c3', 'alt1'])))
      .toMatchObject({ kind: 'to-head-office-approval' });
  });

  it('does not count the case owner among the eligible', () => {
    const s = seatCommittee(config, { amount: 200_000_000, branch: 'luoyang' }, review([], 'b1'));
    expect(s).toMatchObject({ seat: { seat: 'head-office' } });
  });

  it('keeps the open roster of the plain seed (any committee member, quorum only)', () => {
    expect(seatCommittee(SEED_CONFIG, { amount: 2_000_000_000, branch: 'hebi' }, review())).toMatchObject({ kind: 'seated', seat: { seat: 'head-office', members: [] } });
  });

  it('knows when votes cast and members left can no longer reach the quorum', () => {
    const seat = { seat: 'head-office' as const, members: ['c1', 'c2', 'c3'], quorum: 3 };
    const votes = [{ by: 'c1', vote: 'for' as const, comment: '', at: '' }];
    expect(canReachQuorum(seat, { ...review(), votes })).toBe(true);
    expect(canReachQuorum(seat, { ...review(['c2']), votes })).toBe(false);
  });
});
