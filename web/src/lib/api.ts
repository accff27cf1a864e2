/**
 * The one typed client for the Kedai API (DESIGN.md §6). Same origin, `/api`, bearer token from the session.
 * Every failure becomes an ApiError carrying the API's `{ error: { code, message, fields } }`.
 */
import type {
  ApplicationStatus, CreateApplicationInput, DocumentKind, Outcome, Product, Tier,
} from '../../../shared/schemas/application.js';
import type { Assessment, Band, DocumentRecord, Offer, StratClass } from '../../../shared/types.js';
import type { ConsentId } from '../../../shared/consents.js';
import type { ReviewState } from '../../../shared/review-chain.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface Me { username: string; groups: string[]; branch?: string | null }
export interface SignInResult { accessToken: string; expiresIn: number }

export interface BranchRef { code: string; name: string; nameZh: string }
export interface ReasonView { code: string; text: { zh: string; en: string }; detail?: string; impact?: number }
export interface DecisionView {
  outcome: Outcome;
  tier: Tier | null;
  reasons: ReasonView[];
  decidedAt: string;
  policyVersion: string;
  assessment?: Assessment;
}
/** A document as the API shows it: the stored record without where it is kept or when. */
export type DocumentView = Omit<DocumentRecord, 'objectKey' | 'createdAt' | 'verifiedAt'>;
export interface EventView { seq: number; at: string; type: string; actor: string; detail?: Record<string, unknown> }

export type LoanCentreCheckCode = 'terms-changed' | 'signed-other-document' | 'signed-document-altered';
export interface ContractView {
  contractNo: string;
  contractDate: string;
  codeSentAt: string | null;
  codeExpiresAt: string | null;
  signedAt: string | null;
  reviewedAt: string | null;
  sealedAt: string | null;
  disbursedAt: string | null;
  /** null until signed; the applicant sees the outcome, staff each check. */
  loanCentreCheck: {
    outcome: 'pending' | 'passed' | 'failed';
    at: string | null;
    checks?: { code: LoanCentreCheckCode; passed: boolean | null; message: string | null }[];
  } | null;
  /** staff only */
  generatedSha256?: string;
  signedSha256?: string | null;
  sealedSha256?: string | null;
  disbursement?: { transactionId: string; at: string; amount: number } | null;
}
export type SignatureInput = { type: 'typed'; text: string } | { type: 'drawn'; png: string };

export interface ApplicationView {
  id: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  submittedAt?: string | null;
  enterprise: CreateApplicationInput['enterprise'];
  loan: CreateApplicationInput['loan'];
  branch: BranchRef | null;
  decision: DecisionView | null;
  offer?: Offer;
  returnNote?: string | null;
  documents: DocumentView[];
  missingDocuments: string[];
  events: EventView[];
  contract?: ContractView | null;
  /** staff only */
  assignee?: string | null;
  review?: ReviewState | null;
}

export interface ApplicationSummary {
  id: string;
  status: ApplicationStatus;
  createdAt: string;
  updatedAt: string;
  enterprise: { name: string; creditCode: string };
  loan: CreateApplicationInput['loan'];
  branch: BranchRef | null;
  decision: { outcome: Outcome; tier: Tier | null } | null;
}

export interface UploadSlot {
  documentId: string;
  upload: { method: string; url: string; headers?: Record<string, string>; fields?: Record<string, string> };
}

export interface QueueItem {
  id: string;
  enterprise: { name: string; creditCode: string };
  loan: { product: Product; amount: number; termMonths?: number };
  status: ApplicationStatus;
  tier: Tier | null;
  band: Band | null;
  stratClass: StratClass | null;
  branch: BranchRef | null;
  submittedAt: string | null;
  waitingMinutes: number;
  slaMinutes: number;
  assignee: string | null;
  claimedBy?: string | null;
  stage: string | null;
}
export interface QueueFilter { status?: string; tier?: string; product?: string; branch?: string }

export interface Dashboard {
  byStatus: Record<string, number>;
  medianMinutesToDecision: number | null;
  approvalRateByTier: Record<string, number>;
  byBranch: { code: string; name: string; nameZh?: string; queued: number; decided: number }[];
}

export type Consent = { id: ConsentId; version: string; acceptedAt: string };
export type CreateApplicationBody = CreateApplicationInput & { consents: Consent[] };

let accessToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** The session owns the token; the client only attaches it. */
export function setAccessToken(token: string | null) { accessToken = token; }
/** Called when the API says the token is no longer good (expired, revoked). */
export function setUnauthorizedHandler(fn: () => void) { onUnauthorized = fn; }

/** One request with the token attached; any non-2xx becomes an ApiError. */
async function send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
  if (accessToken) headers = { ...headers, authorization: `Bearer ${accessToken}` };
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, body });
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached. Check the connection and try again.');
  }
  if (!res.ok) {
    const text = await res.text();
    let data: any = null;
    try { data = text ? JSON.parse(text) : null; } catch { /* not JSON: reported below */ }
    if (res.status === 401 && accessToken) onUnauthorized();
    const e = data?.error;
    throw new ApiError(res.status, e?.code ?? `http-${res.status}`, e?.message ?? `The server answered ${res.status}.`, e?.fields ?? {});
  }
  return res;
}

async function request<T>(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const text = await (await send(method, path, headers, opts.body === undefined ? undefined : JSON.stringify(opts.body))).text();
  try { return (text ? JSON.parse(text) : null) as T; } catch { return null as T; }
}

/** A document's bytes, fetched with the token: documents are never behind a bare link. */
async function requestBytes(path: string, accept: string): Promise<Uint8Array> {
  return new Uint8Array(await (await send('GET', path, { accept })).arrayBuffer());
}

/** A key per form session, so a double click or a retry cannot create two applications. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const api = {
  signIn: (username: string, password: string) => request<SignInResult>('POST', '/auth/sign-in', { body: { username, password } }),
  me: () => request<Me>('GET', '/me'),

  listApplications: () => request<ApplicationSummary[]>('GET', '/applications'),
  getApplication: (id: string) => request<ApplicationView>('GET', `/applications/${encodeURIComponent(id)}`),
  createApplication: (body: CreateApplicationBody, idempotencyKey: string) =>
    request<ApplicationView>('POST', '/applications', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  requestUpload: (id: string, doc: { kind: DocumentKind; fileName: string; contentType: string; size: number }) =>
    request<UploadSlot>('POST', `/applications/${encodeURIComponent(id)}/documents`, { body: doc }),
  completeDocument: (id: string, documentId: string) =>
    request<{ status: 'verified'; sha256?: string }>('POST', `/applications/${encodeURIComponent(id)}/documents/${encodeURIComponent(documentId)}/complete`),
  submit: (id: string) => request<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/submit`),

  queue: (filter: QueueFilter = {}) => {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as [string, string][]).toString();
    return request<QueueItem[]>('GET', `/staff/queue${q ? `?${q}` : ''}`);
  },
  dashboard: () => request<Dashboard>('GET', '/staff/dashboard'),
  claim: (id: string) => request<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/claim`),
  opinion: (id: string, opinion: 'approve' | 'reject' | 'return', comment: string) =>
    request<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/opinions`, { body: { opinion, comment } }),
  vote: (id: string, vote: 'for' | 'against', comment: string) =>
    request<ApplicationView>('POST', `/applications/${encodeURIComponent(id)}/votes`, { body: { vote, comment } }),

  contractPdf: (id: string) => requestBytes(`/applications/${encodeURIComponent(id)}/contract`, 'application/pdf'),
  sealedContractPdf: (id: string) => requestBytes(`/applications/${encodeURIComponent(id)}/contract/signed`, 'application/pdf'),
  requestSigningCode: (id: string) =>
    request<{ status: 'sent'; expiresAt: string }>('POST', `/applications/${encodeURIComponent(id)}/contract/otp`),
  signContract: (id: string, body: { signature: SignatureInput; otp: string }) =>
    request<{ id: string; status: ApplicationStatus; contractNo: string }>('POST', `/applications/${encodeURIComponent(id)}/contract/sign`, { body }),
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
