/**
 * What a staff member's view of an application adds for the console: what the caller may do at the current stage
 * (the same shared rule the API enforces on claim, opinion and vote) and the committee's live count.
 */
import { committeeTally, type CommitteeTally } from '../../shared/committee.js';
import { COMMITTEE_QUORUM, staffActions, STAGE_ROLE, type Actor, type ReviewStage } from '../../shared/review-chain.js';
import type { ApplicationRecord } from '../../shared/types.js';

export function presentStaffControls(app: ApplicationRecord, actor: Actor): {
  can?: ReturnType<typeof staffActions>;
  /** The role that acts at the current stage (null when the case is not in review). */
  waitingFor?: (typeof STAGE_ROLE)[ReviewStage] | null;
  tally?: CommitteeTally | null;
} {
  const review = app.review ?? null;
  return {
    can: staffActions(app, actor),
    waitingFor: app.status === 'in-review' ? STAGE_ROLE[review?.stage ?? 'review'] : null,
    tally: review ? committeeTally(review, COMMITTEE_QUORUM) : null,
  };
}
