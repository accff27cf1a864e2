/**
 * The one client for the Kedai API (DESIGN.md §6): Hono's typed client over the server's own route type, so
 * paths, bodies and answers are checked against functions/api at compile time (a type-only import: nothing of
 * the server enters the bundle). Same origin, `/api`, bearer token from the session.
 * Every failure becomes an ApiError carrying the API's `{ error: { code, message, fields } }`.
 */
import { hc, type InferRequestType, type InferResponseType } from 'hono/client';
import type { AppType } from '../../../functions/api/app.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** The facts a refusal states beside its words (attemptsLeft), so the page need not read the server's prose. */
    readonly attemptsLeft?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let accessToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The session owns the token; the client only attaches it. */
export function setAccessToken(token: string | null) { accessToken = token; }
/** Called when the API says the token is no longer good (expired, revoked). */
export function setUnauthorizedHandler(fn: () => void) { onUnauthorized = fn; }

/** Every request: the token attached; any non-2xx becomes an ApiError. */
async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('accept')) headers.set('accept', 'application/json');
  // The API words error messages in the page's language (the i18n provider keeps <html lang> on the choice).
  if (typeof document !== 'undefined') headers.set('accept-language', document.documentElement.lang === 'en' ? 'en' : 'zh-CN, zh;q=0.9');
  const token = accessToken;
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(input, { ...init, headers });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (!res.ok) {
    const text = await res.text();
    let data: any = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
    if (res.status === 401 && token) onUnauthorized();
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? `http-${res.status}`, e?.message ?? `The server answered ${res.status}.`, e?.fields ?? {}, typeof e?.attemptsLeft === 'number' ? e.attemptsLeft : undefined);
  }
  return res;
}

const client = hc<AppType>('/', { fetch: send }).api;
const apps = client.applications;
const one = apps[':id'];
const ents = client.enterprises;
const ent = ents[':creditCode'];
const code = (creditCode: string) => ({ param: { creditCode: encodeURIComponent(creditCode) } });

/** Path segments are sent as given; ids come from the API but are encoded all the same. */
const id = (value: string) => ({ param: { id: encodeURIComponent(value) } });

async function json<T>(res: Promise<{ json(): Promise<T> }>): Promise<T> { return (await res).json(); }
/** A document's bytes, fetched with the token: documents are never behind a bare link. */
async function bytes(res: Promise<{ arrayBuffer(): Promise<ArrayBuffer> }>): Promise<Uint8Array> {
  return new Uint8Array(await (await res).arrayBuffer());
}
const pdf = { headers: { accept: 'application/pdf' } };

// What the API answers, inferred from the handlers (functions/api/present.ts and the use cases), never restated.
export type Me = InferResponseType<typeof client.me.$get>;
export type SignInResult = InferResponseType<typeof client.auth['sign-in']['$post']>;
export type ApplicationView = InferResponseType<typeof one.$get>;
export type ApplicationSummary = InferResponseType<typeof apps.$get>[number];
export type DecisionView = NonNullable<ApplicationView['decision']>;
export type ReasonView = DecisionView['reasons'][number];
export type DocumentView = ApplicationView['documents'][number];
export type EventView = ApplicationView['events'][number];
export type ContractView = NonNullable<ApplicationView['contract']>;
export type UploadSlot = InferResponseType<typeof one.documents.$post>;
export type QueueItem = InferResponseType<typeof client.staff.queue.$get>[number];
export type Dashboard = InferResponseType<typeof client.staff.dashboard.$get>;
export type MyWork = InferResponseType<typeof client.staff['my-work']['$get']>;
export type EnterpriseSummary = InferResponseType<typeof ents.$get>[number];
export type EnterpriseProfile = InferResponseType<typeof ent.profile.$get>;
export type ClaimEnterpriseBody = InferRequestType<typeof ents.$post>['json'];
const admin = client.admin;
export type BankConfigView = InferResponseType<typeof admin.config.$get>;
export type ProposalView = InferResponseType<typeof admin.config.proposals.$get>[number];
export type ImpactView = InferResponseType<typeof admin.config.replay.$post>;
export type NegativeEntryView = InferResponseType<typeof admin['negative-list']['$get']>[number];
export type ProposalBody = InferRequestType<typeof admin.config.proposals.$post>['json'];
export type NegativeEntryBody = InferRequestType<typeof admin['negative-list']['$post']>['json'];
const loan = client.loans[':id'];
export type LoanView = InferResponseType<typeof loan.$get>;
export type PrepaymentQuoteView = InferResponseType<typeof loan['prepayment-quote']['$post']>;
export type PrepaymentQuoteBody = InferRequestType<typeof loan['prepayment-quote']['$post']>['json'];
export type Portfolio = InferResponseType<typeof client.staff.portfolio.$get>;
export type StaffLoanRow = InferResponseType<typeof client.staff.loans.$get>[number];
// What it accepts, from the same zod schemas the server parses with.
export type CreateApplicationBody = InferRequestType<typeof apps.$post>['json'];
export type UpdateApplicationBody = InferRequestType<typeof one.$patch>['json'];
export type ProductsView = InferResponseType<typeof client.products.$get>;
export type Consent = NonNullable<CreateApplicationBody['consents']>[number];
export type SignatureInput = InferRequestType<typeof one.contract.sign.$post>['json']['signature'];
type QueueQuery = NonNullable<InferRequestType<typeof client.staff.queue.$get>['query']>;
/** The queue's filters come from the page's URL as plain strings; the server answers 422 for a value it does not know. */
export type QueueFilter = { [K in 'status' | 'tier' | 'product' | 'branch']?: string };

/** A key per form session, so a double click or a retry cannot create two applications. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const api = {
  signIn: (username: string, password: string) => json(client.auth['sign-in'].$post({ json: { username, password } })),
  me: () => json(client.me.$get()),
  // Accounts (DESIGN.md §7.1). The refresh token is an HttpOnly cookie: refresh and sign-out send it by themselves.
  signUp: (username: string, password: string) => json(client.auth['sign-up'].$post({ json: { username, password } })),
  confirmSignUp: (username: string, code: string) => json(client.auth['confirm-sign-up'].$post({ json: { username, code } })),
  resendSignUpCode: (username: string) => json(client.auth['resend-sign-up-code'].$post({ json: { username } })),
  forgotPassword: (username: string) => json(client.auth['forgot-password'].$post({ json: { username } })),
  resetPassword: (username: string, code: string, password: string) =>
    json(client.auth['reset-password'].$post({ json: { username, code, password } })),
  refresh: () => json(client.auth.refresh.$post()),
  signOut: async () => { await client.auth['sign-out'].$post(); },

  listApplications: () => json(apps.$get()),
  getApplication: (appId: string) => json(one.$get(id(appId))),
  createApplication: (body: CreateApplicationBody, idempotencyKey: string) =>
    json(apps.$post({ json: body }, { headers: { 'Idempotency-Key': idempotencyKey } })),
  requestUpload: (appId: string, doc: InferRequestType<typeof one.documents.$post>['json']) =>
    json(one.documents.$post({ ...id(appId), json: doc })),
  completeDocument: (appId: string, documentId: string) =>
    json(one.documents[':documentId'].complete.$post({ param: { id: encodeURIComponent(appId), documentId: encodeURIComponent(documentId) } })),
  submit: (appId: string) => json(one.submit.$post(id(appId))),
  // The wizard's draft (PATCH saves the whole form), withdrawal, and what the form reads of the configuration in force.
  updateApplication: (appId: string, body: UpdateApplicationBody) => json(one.$patch({ ...id(appId), json: body })),
  withdraw: (appId: string) => json(one.withdraw.$post({ ...id(appId), json: {} })),
  products: () => json(client.products.$get()),
  serviceArea: (query: { creditCode?: string; division?: string }) => json(client['service-area'].$get({ query })),
  invitation: (creditCode: string) => json(client.invitations[':creditCode'].$get(code(creditCode))),

  queue: (filter: QueueFilter = {}) =>
    json(client.staff.queue.$get({ query: Object.fromEntries(Object.entries(filter).filter(([, v]) => v)) as QueueQuery })),
  dashboard: () => json(client.staff.dashboard.$get()),
  myWork: () => json(client.staff['my-work'].$get()),
  /** Staff: a short-lived attachment link to a verified document. */
  staffDocumentLink: (appId: string, documentId: string) =>
    json(client.staff.applications[':id'].documents[':documentId'].$get({ param: { id: encodeURIComponent(appId), documentId: encodeURIComponent(documentId) } })),
  leads: () => json(client.staff.leads.$get({ query: {} })),
  inviteLead: (creditCode: string) => json(client.staff.leads[':creditCode'].invite.$post({ param: { creditCode } })),
  logContact: (creditCode: string, note: string, outcome: 'reached' | 'no-answer' | 'declined' | 'interested') =>
    json(client.staff.leads[':creditCode'].contacts.$post({ param: { creditCode }, json: { note, outcome } })),
  targetListUpload: (body: { fileName: string; size: number; contentType: string; source: string; label: string }) =>
    json(client.admin['target-lists'].$post({ json: body })),
  startTargetList: (importId: string) => json(client.admin['target-lists'][':importId'].start.$post({ param: { importId } })),
  targetList: (importId: string) => json(client.admin['target-lists'][':importId'].$get({ param: { importId } })),
  leadFunnel: () => json(client.admin['target-lists'].funnel.$get()),
  claim: (appId: string) => json(one.claim.$post(id(appId))),
  release: (appId: string) => json(one.release.$post(id(appId))),
  opinion: (appId: string, opinion: 'approve' | 'reject' | 'return', comment: string) =>
    json(one.opinions.$post({ ...id(appId), json: { opinion, comment } })),
  vote: (appId: string, vote: 'for' | 'against', comment: string) =>
    json(one.votes.$post({ ...id(appId), json: { vote, comment } })),

  listEnterprises: () => json(ents.$get()),
  startVerification: (body: ClaimEnterpriseBody) => json(ents.$post({ json: body })),
  confirmDeposit: (creditCode: string, amount: number, memo: string) => json(ent['confirm-deposit'].$post({ ...code(creditCode), json: { amount, memo } })),
  enterpriseProfile: (creditCode: string) => json(ent.profile.$get(code(creditCode))),
  inviteMember: (creditCode: string, username: string) => json(ent.members.$post({ ...code(creditCode), json: { username } })),
  adminConfig: () => json(admin.config.$get()),
  proposals: () => json(admin.config.proposals.$get()),
  propose: (body: ProposalBody) => json(admin.config.proposals.$post({ json: body })),
  approveProposal: (proposalId: string) => json(admin.config.proposals[':id'].approve.$post({ param: { id: encodeURIComponent(proposalId) } })),
  rejectProposal: (proposalId: string, reason: string) =>
    json(admin.config.proposals[':id'].reject.$post({ param: { id: encodeURIComponent(proposalId) }, json: { reason } })),
  replay: (changes: ProposalBody['changes']) => json(admin.config.replay.$post({ json: { changes } })),
  negativeList: (creditCode?: string) => json(admin['negative-list'].$get({ query: creditCode ? { creditCode } : {} })),
  addNegative: (body: NegativeEntryBody) => json(admin['negative-list'].$post({ json: body })),
  removeNegative: (creditCode: string, reason: string) =>
    json(admin['negative-list'][':creditCode'].$delete({ param: { creditCode: encodeURIComponent(creditCode) }, json: { reason } })),
  importNegative: (fileName: string, rows: { line: number; values: Record<string, string> }[]) => json(admin['negative-list'].import.$post({ json: { fileName, rows } })),
  listLoans: () => json(client.loans.$get()),
  getLoan: (loanId: string) => json(loan.$get(id(loanId))),
  quotePrepayment: (loanId: string, body: PrepaymentQuoteBody) => json(loan['prepayment-quote'].$post({ ...id(loanId), json: body })),
  prepay: (loanId: string, quoteId: string) => json(loan.prepay.$post({ ...id(loanId), json: { quoteId } })),
  statementPdf: (loanId: string) => bytes(loan.statement.$get(id(loanId), pdf)),
  portfolio: () => json(client.staff.portfolio.$get()),
  staffLoans: (query: { class?: string; band?: string; dpdMin?: string } = {}) =>
    json(client.staff.loans.$get({ query: Object.fromEntries(Object.entries(query).filter(([, v]) => v)) as never })),

  contractPdf: (appId: string) => bytes(one.contract.$get(id(appId), pdf)),
  contractText: (appId: string) => json(one.contract.text.$get(id(appId))),
  sealedContractPdf: (appId: string) => bytes(one.contract.signed.$get(id(appId), pdf)),
  requestSigningCode: (appId: string) => json(one.contract.otp.$post(id(appId))),
  signContract: (appId: string, body: InferRequestType<typeof one.contract.sign.$post>['json']) =>
    json(one.contract.sign.$post({ ...id(appId), json: body })),
};

/**
 * Sends a file's bytes to its presigned URL. XMLHttpRequest, not fetch, because only XHR reports
 * upload progress. Resolves when the storage answers 2xx.
 */
export function uploadBytes(slot: UploadSlot['upload'], file: Blob, onProgress: (fraction: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(slot.method || 'PUT', slot.url);
    for (const [name, value] of Object.entries(slot.headers ?? {})) {
      // The browser sets these itself and refuses to let scripts do it.
      if (!/^(content-length|host|connection)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(); }
      else reject(new ApiError(xhr.status, 'upload-failed', `The storage refused the file (${xhr.status}).`));
    };
    xhr.onerror = () => reject(new ApiError(0, 'upload-failed', 'The upload was interrupted. Try again.'));
    xhr.send(file);
  });
}
