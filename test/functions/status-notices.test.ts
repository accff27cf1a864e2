/**
 * Every status change tells the applicant (functions/core/status-notices.ts, called by transition()): approval,
 * return and rejection, automatic or by people, each reach the applicant's outbox exactly once, as a sentence in
 * Chinese with the amount in yuan, and a retried workflow task sends nothing more.
 */
import { describe, expect, it } from 'vitest';
import { task as recordDecision } from '../../functions/workflow/record-decision.js';
import { applyAndSubmit, listedApplication, strongApplication, useMemoryApp, waitForDecision } from '../support/memory-app.js';

const api = useMemoryApp();
const APPLICANT = 'applicant@demo.kedai';
const post = async (user: string, path: string, body?: unknown) => api.call('POST', path, { token: await api.token(user), body });

type Notice = { kind: string; subject: string; body: string };

/** Each case verifies a firm of its own, so its name picks its notices out of the applicant's outbox. */
async function noticesAbout(enterprise: string): Promise<Notice[]> {
  await api.stack.wired.localRunner.idle();
  const res = await api.call('GET', `/api/dev/outbox?to=${encodeURIComponent(APPLICANT)}`);
  expect(res.status).toBe(200);
  return (res.body as Notice[]).filter((m) => m.body.includes(enterprise));
}

const ofKind = async (enterprise: string, kind: string) => (await noticesAbout(enterprise)).filter((m) => m.kind === kind);

/** A person's sentence: Chinese, the enterprise named, money in yuan, no raw fen, codes or staff usernames. */
function readable(notice: Notice, enterprise: string) {
  expect(notice.body).toMatch(/[\u4e00-\u9fff]{4}/);
  expect(notice.body).toContain(enterprise);
  expect(notice.body).toMatch(/[\d,]+元/);
  expect(notice.body).not.toMatch(/\d{7,}(?!\d*元)|@demo\.kedai|in-review|workflow/);
  expect(notice.subject).toMatch(/[\u4e00-\u9fff]/);
}

async function submitted(input: Awaited<ReturnType<typeof strongApplication>>) {
  const token = await api.token(APPLICANT);
  const id = await applyAndSubmit(api, token, input);
  return { id, app: await waitForDecision(api, token, id) };
}

describe('notices of status changes to the applicant', () => {
  it('approved automatically: one notice, and a retried RecordDecision sends no second one', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410100');
    const { id, app } = await submitted(input);
    expect(app.status).toBe('approved');
    const approved = await ofKind(input.enterprise.name, 'application-approved');
    expect(approved).toHaveLength(1);
    readable(approved[0], input.enterprise.name);
    expect(approved[0].body).toMatch(/批准/);
    expect(await ofKind(input.enterprise.name, 'application-submitted')).toHaveLength(1);
    // A task retried after its write had succeeded (a timeout in AWS) finds the change made and sends nothing.
    const again = await recordDecision.run(api.stack.wired.deps, { applicationId: id, routing: { branch: app.branch } as never, decision: app.decision });
    expect(again).toMatchObject({ alreadyRecorded: true });
    expect(await ofKind(input.enterprise.name, 'application-approved')).toHaveLength(1);
  });

  it('approved by people after review: one notice', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410300', { amount: 200_000_000 });
    const { id, app } = await submitted(input);
    expect(app.status).toBe('in-review');
    expect(await ofKind(input.enterprise.name, 'application-in-review')).toHaveLength(1);
    expect((await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '经营稳定' })).status).toBe(200);
    expect(await ofKind(input.enterprise.name, 'application-approved')).toHaveLength(0);
    expect((await post('ap.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '同意' })).body.status).toBe('approved');
    const approved = await ofKind(input.enterprise.name, 'application-approved');
    expect(approved).toHaveLength(1);
    readable(approved[0], input.enterprise.name);
    expect(approved[0].body).toContain('2,000,000元');
  });

  it('returned: one notice that says what to fix, and one more when it is resubmitted', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410300', { amount: 200_000_000 });
    const { id } = await submitted(input);
    const ret = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'return', comment: '请补充近三年财务报表' });
    expect(ret.body.status).toBe('returned');
    const returned = await ofKind(input.enterprise.name, 'application-returned');
    expect(returned).toHaveLength(1);
    readable(returned[0], input.enterprise.name);
    expect(returned[0].body).toContain('请补充近三年财务报表');
    expect((await api.call('POST', `/api/applications/${id}/submit`, { token })).status).toBe(202);
    await waitForDecision(api, token, id);
    expect(await ofKind(input.enterprise.name, 'application-returned')).toHaveLength(1);
    expect((await ofKind(input.enterprise.name, 'application-submitted')).length).toBe(2);
  });

  it('rejected automatically: one notice', async () => {
    const token = await api.token(APPLICANT);
    const input = await listedApplication(api, token, '410100');
    const { id, app } = await submitted(input);
    expect(app.status).toBe('rejected');
    const rejected = await ofKind(input.enterprise.name, 'application-rejected');
    expect(rejected).toHaveLength(1);
    readable(rejected[0], input.enterprise.name);
    expect(rejected[0].body).toMatch(/未获批准/);
  });

  it('rejected by people after review: one notice', async () => {
    const token = await api.token(APPLICANT);
    const input = await strongApplication(api, token, '410300', { amount: 200_000_000 });
    const { id } = await submitted(input);
    const res = await post('rm.luoyang@demo.kedai', `/api/applications/${id}/opinions`, { opinion: 'reject', comment: '经营现金流不足' });
    expect(res.body.status).toBe('rejected');
    const rejected = await ofKind(input.enterprise.name, 'application-rejected');
    expect(rejected).toHaveLength(1);
    readable(rejected[0], input.enterprise.name);
  });
});
