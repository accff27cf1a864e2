/**
 * Every route × every role × own/other enterprise and branch. Anonymous callers get 401; data a caller may not
 * see is 404, so ids cannot be probed; a role that may see but not act gets 403. Refusals write nothing.
 *
 * The applications belong to applicant@ and are routed to the Luoyang branch; Zhengzhou is "another branch",
 * applicant2@ is "another enterprise".
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PDF_BYTES, applyAndSubmit, profileApplication, strongApplication, uploadCoreDocuments, useMemoryApp, verifyEnterprise, waitForDecision,
} from '../support/memory-app.js';

const api = useMemoryApp();

const ROLES = {
  anonymous: null,
  owner: 'applicant@demo.kedai',
  'other-enterprise': 'applicant2@demo.kedai',
  'am-branch': 'am.luoyang@demo.kedai',
  'rm-branch': 'rm.luoyang@demo.kedai',
  'ap-branch': 'ap.luoyang@demo.kedai',
  'am-other-branch': 'am.zhengzhou@demo.kedai',
  'rm-other-branch': 'rm.zhengzhou@demo.kedai',
  'ap-other-branch': 'ap.zhengzhou@demo.kedai',
  'head-office': 'hq@demo.kedai',
  committee: 'cm1@demo.kedai',
} as const;
type Role = keyof typeof ROLES;
const ALL_ROLES = Object.keys(ROLES) as Role[];

/** Luoyang division. */
const DIVISION = '410300';

interface Fixture { id: string; documentId?: string }
type FixtureKind = 'draft' | 'in-review' | 'approval' | 'committee' | 'rejected' | 'approved';

const owner = () => api.token(ROLES.owner);
const staffPost = async (user: string, path: string, body: unknown) => {
  const res = await api.call('POST', path, { token: await api.token(user), body });
  if (res.status !== 200) throw new Error(`${user} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
};

const FIXTURES: Record<FixtureKind, () => Promise<Fixture>> = {
  /** Three verified core documents and one uploaded, not yet completed document. */
  async draft() {
    const token = await owner();
    const created = await api.call('POST', '/api/applications', { token, body: await strongApplication(api, token, DIVISION), headers: { 'Idempotency-Key': randomUUID() } });
    await uploadCoreDocuments(api, token, created.body.id);
    const slot = await api.call('POST', `/api/applications/${created.body.id}/documents`, {
      token, body: { kind: 'other', fileName: 'extra.pdf', contentType: 'application/pdf', size: PDF_BYTES.byteLength },
    });
    await fetch(slot.body.upload.url, { method: 'PUT', headers: slot.body.upload.headers, body: PDF_BYTES });
    return { id: created.body.id, documentId: slot.body.documentId };
  },
  /** ¥2,000,000: review-approve, at the risk manager's review stage. */
  async 'in-review'() {
    const token = await owner();
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, DIVISION, { amount: 200_000_000 }));
    expect((await waitForDecision(api, token, id)).status).toBe('in-review');
    const docs = await api.call('GET', `/api/applications/${id}`, { token });
    return { id, documentId: docs.body.documents[0].documentId };
  },
  /** Reviewed by the branch risk manager: the branch approver acts next. */
  async approval() {
    const f = await FIXTURES['in-review']();
    await staffPost(ROLES['rm-branch'], `/api/applications/${f.id}/opinions`, { opinion: 'approve', comment: '经营稳定' });
    return f;
  },
  async rejected() {
    const token = await owner();
    const firm = await verifyEnterprise(api, token, DIVISION, 'negative-list');
    const id = await applyAndSubmit(api, token, await profileApplication(api, token, firm.creditCode));
    expect((await waitForDecision(api, token, id)).status).toBe('rejected');
    return { id };
  },
  /** A rejection sent for reconsideration and reviewed: the committee votes next. */
  async committee() {
    const { id } = await FIXTURES.rejected();
    await staffPost(ROLES['am-branch'], `/api/applications/${id}/reconsider`, { comment: '异常经营已移出' });
    await staffPost(ROLES['rm-branch'], `/api/applications/${id}/opinions`, { opinion: 'approve', comment: '可提交贷审会' });
    return { id };
  },
  async approved() {
    const token = await owner();
    const id = await applyAndSubmit(api, token, await strongApplication(api, token, DIVISION));
    expect((await waitForDecision(api, token, id)).status).toBe('approved');
    return { id };
  },
};

interface Row {
  route: string;
  method: 'GET' | 'POST';
  path: (f: Fixture) => string;
  body?: unknown;
  fixture?: FixtureKind;
  /** Allowed calls change the application: each gets a fresh one. */
  mutates?: boolean;
  expected: Record<Role, number>;
}

/** Shorthand: the same status for groups of roles. */
function statuses(spec: Partial<Record<Role | 'applicants' | 'branch' | 'other-branch' | 'staff' | 'signed-in', number>>): Record<Role, number> {
  const groups: Record<string, Role[]> = {
    applicants: ['owner', 'other-enterprise'],
    branch: ['am-branch', 'rm-branch', 'ap-branch'],
    'other-branch': ['am-other-branch', 'rm-other-branch', 'ap-other-branch'],
    staff: ['am-branch', 'rm-branch', 'ap-branch', 'am-other-branch', 'rm-other-branch', 'ap-other-branch', 'head-office', 'committee'],
    'signed-in': ALL_ROLES.filter((r) => r !== 'anonymous'),
  };
  const out = { anonymous: 401 } as Record<Role, number>;
  for (const [key, status] of Object.entries(spec)) for (const role of groups[key] ?? [key as Role]) out[role] = status!;
  const missing = ALL_ROLES.filter((r) => !(r in out));
  if (missing.length) throw new Error(`matrix row misses ${missing.join(', ')}`);
  return out;
}

const SIGN = { signature: { type: 'typed', text: '张伟' }, otp: '000000' };

const MATRIX: Row[] = [
  { route: 'GET /api/me', method: 'GET', path: () => '/api/me', expected: statuses({ 'signed-in': 200 }) },
  { route: 'GET /api/applications', method: 'GET', path: () => '/api/applications', expected: statuses({ 'signed-in': 200 }) },
  {
    route: 'POST /api/applications', method: 'POST', path: () => '/api/applications', body: 'fresh-application',
    expected: statuses({ applicants: 201, staff: 403 }),
  },
  { route: 'GET /api/staff/queue', method: 'GET', path: () => '/api/staff/queue', expected: statuses({ applicants: 403, staff: 200 }) },
  { route: 'GET /api/staff/dashboard', method: 'GET', path: () => '/api/staff/dashboard', expected: statuses({ applicants: 403, staff: 200 }) },
  { route: 'GET /api/staff/my-work', method: 'GET', path: () => '/api/staff/my-work', expected: statuses({ applicants: 403, staff: 200 }) },
  {
    // Staff only: the owner downloads through its own route; the role check comes first, so applicants learn nothing of the id.
    route: 'GET /api/staff/applications/{id}/documents/{doc}', method: 'GET', fixture: 'in-review',
    path: (f) => `/api/staff/applications/${f.id}/documents/${f.documentId}`,
    expected: statuses({ applicants: 403, branch: 200, 'other-branch': 404, 'head-office': 200, committee: 200 }),
  },
  {
    route: 'GET /api/staff/applications/{id}/documents/{doc} (not verified)', method: 'GET', fixture: 'draft',
    path: (f) => `/api/staff/applications/${f.id}/documents/${f.documentId}`,
    expected: statuses({ applicants: 403, branch: 404, 'other-branch': 404, 'head-office': 404, committee: 404 }),
  },
  {
    route: 'GET …/{id} (draft)', method: 'GET', fixture: 'draft', path: (f) => `/api/applications/${f.id}`,
    expected: statuses({ owner: 200, 'other-enterprise': 404, staff: 404 }),
  },
  {
    route: 'GET …/{id} (in review)', method: 'GET', fixture: 'in-review', path: (f) => `/api/applications/${f.id}`,
    expected: statuses({ owner: 200, 'other-enterprise': 404, branch: 200, 'other-branch': 404, 'head-office': 200, committee: 200 }),
  },
  {
    route: 'POST …/documents (draft)', method: 'POST', fixture: 'draft', path: (f) => `/api/applications/${f.id}/documents`,
    body: { kind: 'other', fileName: 'a.pdf', contentType: 'application/pdf', size: 100 },
    expected: statuses({ owner: 201, 'other-enterprise': 404, staff: 404 }),
  },
  {
    route: 'POST …/documents (in review)', method: 'POST', fixture: 'in-review', path: (f) => `/api/applications/${f.id}/documents`,
    body: { kind: 'other', fileName: 'a.pdf', contentType: 'application/pdf', size: 100 },
    expected: statuses({ owner: 409, 'other-enterprise': 404, branch: 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    route: 'POST …/documents/{doc}/complete (draft)', method: 'POST', fixture: 'draft', path: (f) => `/api/applications/${f.id}/documents/${f.documentId}/complete`,
    expected: statuses({ owner: 200, 'other-enterprise': 404, staff: 404 }),
  },
  {
    route: 'POST …/documents/{doc}/complete (in review)', method: 'POST', fixture: 'in-review', path: (f) => `/api/applications/${f.id}/documents/${f.documentId}/complete`,
    expected: statuses({ owner: 200, 'other-enterprise': 404, branch: 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    route: 'POST …/submit (draft)', method: 'POST', fixture: 'draft', mutates: true, path: (f) => `/api/applications/${f.id}/submit`,
    expected: statuses({ owner: 202, 'other-enterprise': 404, staff: 404 }),
  },
  {
    route: 'POST …/submit (in review)', method: 'POST', fixture: 'in-review', path: (f) => `/api/applications/${f.id}/submit`,
    expected: statuses({ owner: 202, 'other-enterprise': 404, branch: 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    // Claims are per stage and only by a role that acts at it: the risk review is the risk manager's.
    route: 'POST …/claim (review stage)', method: 'POST', fixture: 'in-review', mutates: true, path: (f) => `/api/applications/${f.id}/claim`,
    expected: statuses({ applicants: 403, 'am-branch': 403, 'rm-branch': 200, 'ap-branch': 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    // The risk manager who reviewed has acted (409); the approval stage is for approvers (the demo head office is one).
    route: 'POST …/claim (approval stage)', method: 'POST', fixture: 'approval', mutates: true, path: (f) => `/api/applications/${f.id}/claim`,
    expected: statuses({ applicants: 403, 'am-branch': 403, 'rm-branch': 409, 'ap-branch': 200, 'other-branch': 404, 'head-office': 200, committee: 403 }),
  },
  {
    // Before the committee nobody claims: each member votes.
    route: 'POST …/claim (committee stage)', method: 'POST', fixture: 'committee', mutates: true, path: (f) => `/api/applications/${f.id}/claim`,
    expected: statuses({ applicants: 403, branch: 409, 'other-branch': 404, 'head-office': 409, committee: 409 }),
  },
  {
    route: 'POST …/opinions (approval stage)', method: 'POST', fixture: 'approval', mutates: true, path: (f) => `/api/applications/${f.id}/opinions`,
    body: { opinion: 'approve', comment: '同意' },
    expected: statuses({ applicants: 403, 'am-branch': 403, 'rm-branch': 409, 'ap-branch': 200, 'other-branch': 404, 'head-office': 200, committee: 403 }),
  },
  {
    route: 'POST …/opinions (review stage)', method: 'POST', fixture: 'in-review', mutates: true, path: (f) => `/api/applications/${f.id}/opinions`,
    body: { opinion: 'approve', comment: '同意' },
    expected: statuses({ applicants: 403, 'am-branch': 403, 'rm-branch': 200, 'ap-branch': 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    // The branch risk manager gave this case's review opinion: anyone who has acted is told 409 already-acted.
    route: 'POST …/votes (committee stage)', method: 'POST', fixture: 'committee', mutates: true, path: (f) => `/api/applications/${f.id}/votes`,
    body: { vote: 'for', comment: '' },
    expected: statuses({ applicants: 403, 'am-branch': 403, 'rm-branch': 409, 'ap-branch': 403, 'other-branch': 404, 'head-office': 403, committee: 200 }),
  },
  {
    // The role check comes first for staff who are not account managers, so it reveals nothing about the id.
    route: 'POST …/reconsider', method: 'POST', fixture: 'rejected', mutates: true, path: (f) => `/api/applications/${f.id}/reconsider`,
    body: { comment: '请复议' },
    expected: statuses({ applicants: 403, 'am-branch': 200, 'rm-branch': 403, 'ap-branch': 403, 'am-other-branch': 404, 'rm-other-branch': 403, 'ap-other-branch': 403, 'head-office': 403, committee: 403 }),
  },
  {
    route: 'GET …/contract', method: 'GET', fixture: 'approved', path: (f) => `/api/applications/${f.id}/contract`,
    expected: statuses({ owner: 200, 'other-enterprise': 404, branch: 200, 'other-branch': 404, 'head-office': 200, committee: 200 }),
  },
  {
    route: 'POST …/contract/otp', method: 'POST', fixture: 'approved', path: (f) => `/api/applications/${f.id}/contract/otp`,
    expected: statuses({ owner: 202, 'other-enterprise': 404, branch: 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    // A wrong code: the owner passes every access check and is told the code is wrong.
    route: 'POST …/contract/sign', method: 'POST', fixture: 'approved', path: (f) => `/api/applications/${f.id}/contract/sign`, body: SIGN,
    expected: statuses({ owner: 422, 'other-enterprise': 404, branch: 403, 'other-branch': 404, 'head-office': 403, committee: 403 }),
  },
  {
    route: 'GET …/contract/signed (not yet sealed)', method: 'GET', fixture: 'approved', path: (f) => `/api/applications/${f.id}/contract/signed`,
    expected: statuses({ owner: 409, 'other-enterprise': 404, branch: 409, 'other-branch': 404, 'head-office': 409, committee: 409 }),
  },
];

/** Refusals, which must write nothing: access denials, and 409s for a state that does not allow the call. */
const DENIED = new Set([401, 403, 404, 409]);

async function snapshot(id: string) {
  const app = await api.stack.wired.deps.applications.get(id);
  const docs = await api.stack.wired.deps.documentRecords.listDocuments(id);
  return { version: app?.version, status: app?.status, events: app?.eventCount, docs: docs.map((d) => `${d.documentId}:${d.status}`).sort() };
}

async function call(row: Row, role: Role, f: Fixture) {
  const user = ROLES[role];
  const token = user ? await api.token(user) : undefined;
  // An applicant applies for a firm verified for it; the others' requests are refused before the firm matters.
  const body = row.body === 'fresh-application' ? await strongApplication(api, role === 'other-enterprise' ? token! : await owner(), DIVISION) : row.body;
  const res = await api.call(row.method, row.path(f), { token, body, headers: row.method === 'POST' && row.path(f) === '/api/applications' ? { 'Idempotency-Key': randomUUID() } : {} });
  if (res.status >= 400) {
    expect(res.body.error.code, `${role} ${row.route}`).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(res.body.error.message.length).toBeGreaterThan(0);
  }
  return res.status;
}

beforeAll(async () => {
  // Sign every role in once, so the cells measure access rather than sign-in.
  await Promise.all(ALL_ROLES.map((r) => (ROLES[r] ? api.token(ROLES[r]!) : null)));
});

describe('access matrix: every route × every role', () => {
  it.each(MATRIX.map((row) => [row.route, row] as const))('%s', async (_, row) => {
    const shared = row.fixture ? await FIXTURES[row.fixture]() : { id: '' };
    const before = row.fixture ? await snapshot(shared.id) : null;
    const actual = {} as Record<Role, number>;

    // Refusals first, on one application, which they must leave exactly as it was.
    const denied = ALL_ROLES.filter((r) => DENIED.has(row.expected[r]));
    for (const role of denied) actual[role] = await call(row, role, shared);
    if (before) expect(await snapshot(shared.id), `${row.route}: a refused call changed the application`).toEqual(before);

    // Then the callers who pass the access checks, each on a fresh application when the call changes it.
    const passing = ALL_ROLES.filter((r) => !DENIED.has(row.expected[r]));
    const fresh = row.mutates && row.fixture ? await Promise.all(passing.map(() => FIXTURES[row.fixture!]())) : [];
    await Promise.all(passing.map(async (role, i) => { actual[role] = await call(row, role, fresh[i] ?? shared); }));

    expect(actual).toEqual(row.expected);
  });

  it('covers every route of the API contract', () => {
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.route.split(' ')[1]}`));
    for (const route of [
      'GET /api/me', 'GET /api/applications', 'POST /api/applications', 'GET /api/staff/queue', 'GET /api/staff/dashboard',
      'GET /api/staff/my-work', 'GET /api/staff/applications/{id}/documents/{doc}',
      'GET …/{id}', 'POST …/documents', 'POST …/documents/{doc}/complete', 'POST …/submit', 'POST …/claim', 'POST …/opinions',
      'POST …/votes', 'POST …/reconsider', 'GET …/contract', 'POST …/contract/otp', 'POST …/contract/sign', 'GET …/contract/signed',
    ]) expect(covered, route).toContain(route);
  });
});

describe('ids cannot be probed', () => {
  it('answers an unknown id exactly as another enterprise’s id, for every role and route', async () => {
    const { id } = await FIXTURES['in-review']();
    const unknown = randomUUID();
    const cases: [string, string, unknown?][] = [
      ['GET', '/api/applications/{id}'], ['POST', '/api/applications/{id}/submit'], ['POST', '/api/applications/{id}/documents', { kind: 'other', fileName: 'a.pdf', contentType: 'application/pdf', size: 10 }],
      ['GET', '/api/applications/{id}/contract'], ['POST', '/api/applications/{id}/contract/otp'],
    ];
    for (const [method, template, body] of cases) {
      const token = await api.token(ROLES['other-enterprise']);
      const theirs = await api.call(method, template.replace('{id}', id), { token, body });
      const none = await api.call(method, template.replace('{id}', unknown), { token, body });
      expect([theirs.status, theirs.body.error], template).toEqual([none.status, none.body.error]);
      const otherBranch = await api.token(ROLES['rm-other-branch']);
      const staffTheirs = await api.call(method, template.replace('{id}', id), { token: otherBranch, body });
      const staffNone = await api.call(method, template.replace('{id}', unknown), { token: otherBranch, body });
      expect(staffTheirs.status, template).toBe(staffNone.status);
    }
  });
});
