import { describe, expect, it } from 'vitest';
import { committeeTally, ineligible } from '../../shared/committee.js';
import { claimRefusal, enterStage, opinionRefusal, staffActions, startReview, voteRefusal, type ReviewState } from '../../shared/review-chain.js';

const RM = { username: 'rm.a', groups: ['risk-manager'] };
const AM = { username: 'am.a', groups: ['account-manager'] };
const AP = { username: 'ap.a', groups: ['approver'] };
const AP2 = { username: 'ap.b', groups: ['approver'] };
const OWNER_APPROVER = { username: 'am.ap', groups: ['account-manager', 'approver'] };
const CM = (n: number) => ({ username: `cm${n}`, groups: ['committee'] });

const inReview = (review: ReviewState, assignee?: string) => ({ status: 'in-review', tier: 'review-approve' as const, review, assignee });
const atApproval = (): ReviewState => enterStage({ ...startReview(), claimedBy: RM.username, claimedAt: 't0', opinions: [{ stage: 'review', by: RM.username, role: 'risk-manager', opinion: 'approve', comment: 'ok', at: 't1' }] }, 'approval');

describe('who may act at a stage', () => {
  it.each([
    ['risk manager at review', startReview(), RM, null],
    ['account manager at review', startReview(), AM, 'not-your-stage'],
    ['approver at review', startReview(), AP, 'not-your-stage'],
    ['approver at approval', atApproval(), AP, null],
    ['risk manager who reviewed, at approval', atApproval(), RM, 'already-acted'],
    ['another approver once one has claimed', { ...atApproval(), claimedBy: AP.username }, AP2, 'claimed-by-another'],
  ] as const)('%s', (_, review, actor, code) => {
    expect(opinionRefusal(inReview(review as ReviewState), actor)?.code ?? null).toBe(code);
  });

  it('keeps the case owner from approving even with an approver role', () => {
    expect(opinionRefusal(inReview(atApproval(), OWNER_APPROVER.username), OWNER_APPROVER)?.code).toBe('case-owner');
    expect(opinionRefusal(inReview(atApproval(), 'someone-else'), OWNER_APPROVER)).toBeNull();
  });

  it('refuses claims from a role that cannot act (403) and a second claimant (409), and allows a retry', () => {
    expect(claimRefusal(inReview(startReview()), AM)).toMatchObject({ code: 'not-your-stage', status: 403 });
    const claimed = { ...startReview(), claimedBy: RM.username };
    expect(claimRefusal(inReview(claimed), RM)).toBeNull();
    expect(claimRefusal(inReview({ ...atApproval(), claimedBy: AP.username }), AP2)).toMatchObject({ code: 'already-claimed', status: 409 });
    expect(claimRefusal({ status: 'approved', review: startReview() }, RM)).toMatchObject({ code: 'not-in-review' });
  });

  it('moves the claim to the record when the stage ends', () => {
    const next = atApproval();
    expect(next.claimedBy).toBeUndefined();
    expect(next.claims).toEqual([{ stage: 'review', by: RM.username, at: 't0' }]);
    // An earlier stage's claimant does not sit on the committee.
    expect(ineligible(next).has(RM.username)).toBe(true);
  });

  it('gives the page exactly what the checks allow, with the reason for the rest', () => {
    const can = staffActions(inReview(startReview()), AM);
    expect(can).toMatchObject({ claim: false, opine: false, vote: false });
    expect(can.why.opine?.code).toBe('not-your-stage');
    expect(staffActions(inReview(startReview()), RM)).toMatchObject({ claim: true, opine: true, vote: false });
    expect(staffActions(inReview({ ...startReview(), claimedBy: RM.username }), RM)).toMatchObject({ claim: false, opine: true, release: true });
  });
});

describe('committee tally', () => {
  const seat = { seat: 'head-office' as const, members: ['cm1', 'cm2', 'cm3', 'cm4'], quorum: 3 };
  const committee = (votes: ReviewState['votes'], recused: string[] = []): ReviewState => ({ ...startReview(), stage: 'committee', committee: seat, votes, recused });
  const vote = (by: string, v: 'for' | 'against') => ({ by, vote: v, comment: '', at: 't' });

  it('counts for, against, eligible, recused and how far the quorum is', () => {
    expect(committeeTally(committee([vote('cm1', 'for')], ['cm4']))).toMatchObject({ for: 1, against: 0, cast: 1, eligible: 3, recused: 1, toQuorum: 2, decided: false, outcome: null });
    expect(committeeTally(committee([vote('cm1', 'for'), vote('cm2', 'for'), vote('cm3', 'against')]))).toMatchObject({ for: 2, against: 1, decided: true, outcome: 'approved', toQuorum: 0, majorityNeeded: 2 });
    expect(committeeTally(committee([vote('cm1', 'for'), vote('cm2', 'against'), vote('cm3', 'against')]))?.outcome).toBe('rejected');
    expect(committeeTally(startReview())).toBeNull();
  });

  it('offers the vote to seated members who have not voted, and only at the committee', () => {
    expect(voteRefusal(inReview(committee([vote('cm1', 'for')])), CM(1))?.code).toBe('already-acted');
    expect(voteRefusal(inReview(committee([])), CM(9))?.code).toBe('not-on-committee');
    expect(voteRefusal(inReview(committee([]), undefined), CM(2))).toBeNull();
    expect(voteRefusal(inReview(startReview()), CM(2))?.code).toBe('not-committee-stage');
    expect(voteRefusal(inReview(committee([], ['cm2'])), CM(2))?.code).toBe('recused');
  });
});
