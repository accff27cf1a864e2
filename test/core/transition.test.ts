import { describe, expect, it } from 'vitest';
import { DomainError } from '../../shared/errors.js';
import { STRONG_APPLICANT } from '../../shared/fixtures.js';
import type { ApplicationRecord } from '../../shared/types.js';
import type { Deps, NewEvent, Principal } from '../../functions/core/ports.js';
import { transition, transitionOrConflict } from '../../functions/core/transition.js';

/** The one part of the repository transition() uses: a version-checked write with its events. */
function fakeDeps(initial: ApplicationRecord, now = '2026-03-02T08:00:00.000Z') {
  const rows = new Map([[initial.id, initial]]);
  const log: NewEvent[] = [];
  const applications = {
    async update(next: ApplicationRecord, events: NewEvent[]) {
      if (rows.get(next.id)?.version !== next.version - 1) return false;
      rows.set(next.id, next);
      log.push(...events);
      return true;
    },
  };
  const sent: { to: string; kind: string; subject: string; body: string }[] = [];
  const notifier = { async send(to: string, m: { kind: string; subject: string; body: string }) { sent.push({ to, ...m }); } };
  const deps = { applications, notifier, clock: { now: () => new Date(now) } } as unknown as Deps;
  return { deps, rows, log, sent };
}

const record = (over: Partial<ApplicationRecord> = {}): ApplicationRecord => ({
  ...STRONG_APPLICANT, id: 'app-1', ownerId: 'owner-sub', status: 'draft', version: 3,
  createdAt: '2026-03-01T00:00:00.000Z', updatedAt: '2026-03-01T00:00:00.000Z', decision: null, ...over,
});

const owner: Principal = { sub: 'owner-sub', username: 'applicant@demo.kedai', groups: ['applicant'] };
const stranger: Principal = { sub: 'other-sub', username: 'applicant2@demo.kedai', groups: ['applicant'] };
const hq: Principal = { sub: 'hq-sub', username: 'hq@demo.kedai', groups: ['head-office', 'approver'] };

async function refused(p: Promise<unknown>) {
  try { await p; } catch (e) { return e as DomainError; }
  throw new Error('expected a refusal');
}

describe('transition()', () => {
  it('writes an allowed move: next version, status, patch, updatedAt from the clock, events', async () => {
    const { deps, rows, log } = fakeDeps(record());
    const next = await transition(deps, record(), owner, { status: 'submitted', patch: (at) => ({ submittedAt: at }) },
      [{ type: 'submitted', actor: owner.username }]);
    expect(next).toMatchObject({ status: 'submitted', version: 4, updatedAt: '2026-03-02T08:00:00.000Z', submittedAt: '2026-03-02T08:00:00.000Z' });
    expect(rows.get('app-1')).toEqual(next);
    expect(log).toEqual([{ type: 'submitted', actor: owner.username }]);
  });

  it('cannot write an illegal move (approved → draft): 409, nothing stored', async () => {
    const app = record({ status: 'approved' });
    const { deps, rows, log } = fakeDeps(app);
    const err = await refused(transition(deps, app, hq, { status: 'draft' }, [{ type: 'reopened', actor: hq.username }]));
    expect(err).toBeInstanceOf(DomainError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('illegal-transition');
    expect(err.message).toBe('An application that is approved cannot become draft (it can become signed).');
    expect(rows.get('app-1')).toEqual(app);
    expect(log).toEqual([]);
  });

  it('cannot let an applicant cause approved: 403, nothing stored', async () => {
    const app = record({ status: 'submitted' });
    const { deps, rows } = fakeDeps(app);
    const err = await refused(transition(deps, app, owner, { status: 'approved' }, [{ type: 'decision-approved', actor: owner.username }]));
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/Only the decision workflow may move an application from submitted to approved/);
    expect(rows.get('app-1')).toEqual(app);
    // The system actor of the table may.
    expect((await transition(deps, app, 'workflow', { status: 'approved' }, [{ type: 'decision-approved', actor: 'workflow' }]))?.status).toBe('approved');
  });

  it('counts the applicant role only on their own application', async () => {
    const app = record();
    const { deps } = fakeDeps(app);
    const err = await refused(transition(deps, app, stranger, { status: 'submitted' }, [{ type: 'submitted', actor: stranger.username }]));
    expect(err.status).toBe(403);
  });

  it('checks same-status updates per role', async () => {
    const app = record({ status: 'in-review' });
    const { deps } = fakeDeps(app);
    expect(await refused(transition(deps, app, owner, { patch: { returnNote: 'x' } }, [{ type: 'note', actor: owner.username }])))
      .toMatchObject({ status: 403 });
    const next = await transition(deps, app, hq, { patch: { assignee: 'am.zhengzhou@demo.kedai' } }, [{ type: 'reassigned', actor: hq.username }]);
    expect(next).toMatchObject({ status: 'in-review', version: 4, assignee: 'am.zhengzhou@demo.kedai' });
  });

  it('reports a lost race as null, and transitionOrConflict as 409 changed-meanwhile', async () => {
    const app = record({ status: 'in-review' });
    const { deps, rows } = fakeDeps(app);
    await transition(deps, app, 'sla', { patch: { assignee: 'first' } }, [{ type: 'escalated', actor: 'sla' }]);
    expect(await transition(deps, app, hq, { patch: { assignee: 'second' } }, [{ type: 'reassigned', actor: hq.username }])).toBeNull();
    expect(rows.get('app-1')?.assignee).toBe('first');
    expect(await refused(transitionOrConflict(deps, app, hq, { patch: {} }, [{ type: 'x', actor: hq.username }])))
      .toMatchObject({ status: 409, code: 'changed-meanwhile' });
  });

  it('refuses a change without an event', async () => {
    const app = record({ status: 'in-review' });
    const { deps } = fakeDeps(app);
    await expect(transition(deps, app, hq, { patch: {} }, [])).rejects.toThrow(/at least one event/);
  });
});

describe('transition() tells the applicant', () => {
  it('of a status change, once, at their sign-in name, in a sentence with the amount in yuan', async () => {
    const app = record({ status: 'in-review', ownerUsername: owner.username, returnNote: undefined });
    const { deps, sent } = fakeDeps(app);
    await transition(deps, app, hq, { status: 'returned', patch: { returnNote: '请补充近三年财务报表' } }, [{ type: 'returned-to-applicant', actor: hq.username }]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: owner.username, kind: 'application-returned' });
    expect(sent[0].body).toContain('请补充近三年财务报表');
    expect(sent[0].body).toContain(`${STRONG_APPLICANT.enterprise.name}的`);
    expect(sent[0].body).toMatch(/\d元/);
    expect(sent[0].body).not.toMatch(/\d{7,}/);
  });

  it('of nothing when the status stays, when the move is refused, or when another write got there first', async () => {
    const reviewing = record({ status: 'in-review', ownerUsername: owner.username });
    const same = fakeDeps(reviewing);
    expect(await transition(same.deps, reviewing, hq, { patch: { assignee: 'x' } }, [{ type: 'reassigned', actor: hq.username }])).not.toBeNull();
    expect(same.sent).toEqual([]);
    const app = record({ status: 'submitted', ownerUsername: owner.username });
    const { deps, sent } = fakeDeps(app);
    await refused(transition(deps, app, owner, { status: 'approved' }, [{ type: 'decision-approved', actor: owner.username }]));
    expect(sent).toEqual([]);
    // Two runs of the same workflow task on the same version: one write wins, one notice.
    const runs = await Promise.all([1, 2].map(() => transition(deps, app, 'workflow', { status: 'approved' }, [{ type: 'decision-approved', actor: 'workflow' }])));
    expect(runs.filter(Boolean)).toHaveLength(1);
    expect(sent.map((m) => m.kind)).toEqual(['application-approved']);
  });

  it('even when the notifier fails: the change stays written and the caller gets it', async () => {
    const app = record({ status: 'submitted', ownerUsername: owner.username });
    const { deps, rows } = fakeDeps(app);
    (deps as { notifier: unknown }).notifier = { async send() { throw Object.assign(new Error('down'), { name: 'ServiceUnavailable' }); } };
    const errors: unknown[] = [];
    const log = console.error;
    console.error = (line: unknown) => { errors.push(line); };
    try {
      expect((await transition(deps, app, 'workflow', { status: 'rejected' }, [{ type: 'decision-rejected', actor: 'workflow' }]))?.status).toBe('rejected');
    } finally { console.error = log; }
    expect(rows.get('app-1')?.status).toBe('rejected');
    expect(String(errors[0])).toMatch(/status-notice-failed/);
  });
});
