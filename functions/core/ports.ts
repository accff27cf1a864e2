/**
 * Ports: what the use cases need from the outside world. Each has a real adapter (DynamoDB, S3, Step Functions,
 * Cognito; the same in Lambda and on the local emulators) and an in-memory one (functions/adapters/memory/) for
 * fast tests; functions/wiring.ts chooses. Use cases import only these interfaces.
 */
import type { CodePurpose, ContactKind } from '../../shared/accounts.js';
import type { ApplicationRecord, DocumentRecord, NegativeListHit } from '../../shared/types.js';
import type { ChainedEvent } from './event-chain.js';

export interface Principal {
  sub: string;
  username: string;
  groups: string[];
  /** Branch code for branch staff; undefined for applicants and head office. */
  branch?: string;
}

export interface StaffMember {
  username: string;
  branch: string | null;
  roles: string[];
}

export interface NewEvent {
  type: string;
  actor: string;
  detail?: Record<string, unknown>;
}

/** Applications with their hash-chained event log, in-flight workflow markers and the branch queues. */
export interface ApplicationStore {
  /** Creates the application and remembers the idempotency key in one transaction; returns the existing one on a replay. */
  create(app: ApplicationRecord, idem?: { key: string; bodyHash: string }, event?: NewEvent):
    Promise<{ app: ApplicationRecord; replayed: boolean } | { conflict: true }>;
  get(id: string): Promise<ApplicationRecord | null>;
  listByOwner(ownerId: string): Promise<ApplicationRecord[]>;
  /** Writes `next` only if the stored version is still `next.version - 1`; appends the events in the same transaction. Returns false on a lost race. */
  update(next: ApplicationRecord, events: NewEvent[], opts?: { inflight?: WorkflowKind | 'clear' }): Promise<boolean>;
  /** The event log in order, each event linked to the one before (functions/core/event-chain.ts). */
  events(id: string): Promise<ChainedEvent[]>;
  /** Applications whose workflow run has started but not recorded a decision, oldest first. */
  listInflight(): Promise<{ id: string; since: string; workflow: WorkflowKind }[]>;
  /** A branch's applications, served by the branch index: all of them, or one status oldest first in pages. */
  queue(branch: string, status?: string): Promise<ApplicationRecord[]>;
  /** A cursor from another queue, or not from a queue, is refused with `invalid-cursor`. */
  queuePage(branch: string, status: string, page: { limit: number; cursor?: string }): Promise<{ items: ApplicationRecord[]; cursor?: string }>;
}

/** What the portal knows about each uploaded document; the bytes themselves are in DocumentStorage. */
export interface DocumentRecords {
  putDocument(appId: string, doc: DocumentRecord): Promise<void>;
  getDocument(appId: string, documentId: string): Promise<DocumentRecord | null>;
  listDocuments(appId: string): Promise<DocumentRecord[]>;
}

/** Who works at which branch, each enterprise's account manager, and the open-case counts routing balances. */
export interface StaffDirectory {
  /** Open application count per branch, for routing ties. */
  branchLoads(): Promise<Record<string, number>>;
  /** Adds delta to a branch's (and optionally an account manager's) open-application count. */
  adjustLoad(branch: string, delta: number, assignee?: string): Promise<void>;
  /** The enterprise's existing account manager, if it has one. */
  enterpriseManager(creditCode: string): Promise<string | null>;
  setEnterpriseManager(creditCode: string, username: string): Promise<void>;
  /** Adds a member once; a second put of the same username keeps the first (and its open count). */
  putStaff(member: StaffMember): Promise<void>;
  getStaff(username: string): Promise<(StaffMember & { openCount: number }) | null>;
  listStaff(branch: string): Promise<(StaffMember & { openCount: number })[]>;
}

export interface OutboxMessage { subject: string; body: string; kind: string }

/** Local stack: where the notifier keeps what it would have sent. */
export interface Outbox {
  putOutbox(to: string, at: string, id: string, message: OutboxMessage): Promise<void>;
  /** The latest 100 messages to `to`, newest first. */
  listOutbox(to: string): Promise<({ at: string } & OutboxMessage)[]>;
}

export interface UploadTarget {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
}

export interface DocumentStorage {
  /** A short-lived presigned PUT bound to one content type and length. */
  presignUpload(key: string, contentType: string, size: number): Promise<UploadTarget>;
  /** Reads a stored object, refusing anything larger than maxBytes. Null when nothing was uploaded. */
  read(key: string, maxBytes: number): Promise<{ bytes: Uint8Array; size: number } | null>;
  /** Stores bytes the system made itself (contracts). */
  write(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** A short-lived link that downloads as an attachment. */
  presignDownload(key: string, fileName: string): Promise<string>;
  ping(): Promise<void>;
}

/** The two state machines: the automatic decision, and the contract path after the borrower signs. */
export type WorkflowKind = 'decision' | 'contract';

export interface WorkflowStarter {
  /** Starts a workflow run for an application; safe to call twice for the same run name. */
  start(kind: WorkflowKind, applicationId: string, runName: string): Promise<void>;
}

export interface Notifier {
  /** Sends a message to a user (SMS/e-mail in production); the local adapter keeps it in an outbox. */
  send(to: string, message: { subject: string; body: string; kind: string }): Promise<void>;
  /** Local stack only: what would have been sent, newest first. */
  outbox?(to: string): Promise<({ at: string } & OutboxMessage)[]>;
}

/** What sign-in and refresh hand out; the refresh token never reaches the page (the API keeps it in an HttpOnly cookie). */
export interface AuthSession {
  accessToken: string;
  expiresIn: number;
  refreshToken?: string;
}

export type AccountStatus = 'confirmed' | 'unconfirmed';

/** The user pool. Usernames reaching it are already normalised (shared/accounts.ts). */
export interface AuthPort {
  signIn(username: string, password: string): Promise<AuthSession>;
  verifyAccessToken(token: string): Promise<{ sub: string; username: string; groups: string[] }>;
  /** A new access token for a refresh token; `unauthenticated` when the token is revoked, expired or unknown. */
  refresh(refreshToken: string): Promise<{ accessToken: string; expiresIn: number }>;
  /** Revokes a refresh token so it refreshes nothing again; an unknown one is ignored. */
  revoke(refreshToken: string): Promise<void>;
  /** Creates an unconfirmed self-made account; `username-taken` when a confirmed one exists, `weak-password` when the pool refuses the password. */
  createAccount(username: string, password: string, contact: ContactKind): Promise<void>;
  /** Deletes an account that was never confirmed (a sign-up begun again replaces it). */
  deleteUnconfirmed(username: string): Promise<void>;
  accountStatus(username: string): Promise<AccountStatus | null>;
  /** Confirms a self-made account, marks its contact verified and puts it in the applicant group: never any other. */
  confirmAccount(username: string, contact: ContactKind): Promise<void>;
  /** Sets a new permanent password on a confirmed account. */
  setPassword(username: string, password: string): Promise<void>;
  ping?(): Promise<void>;
}

/**
 * Account codes, attempt windows and sessions, each one item changed by conditional writes, so every limit holds
 * when many requests for the same username arrive at once (and across Lambda instances).
 */
export interface AccountStore {
  /** Stores a fresh code for (username, purpose), replacing an earlier one and its attempts. */
  issueCode(username: string, purpose: CodePurpose, code: { hash: string; expiresAt: string }): Promise<void>;
  /** Counts one attempt unless `max` are already spent: the code with the attempts so far (this one included), 'locked', or null when there is none. */
  spendAttempt(username: string, purpose: CodePurpose, max: number): Promise<{ hash: string; expiresAt: string; attempts: number } | 'locked' | null>;
  /** Deletes the code if it still has this hash; false when another request used it first. */
  consumeCode(username: string, purpose: CodePurpose, hash: string): Promise<boolean>;
  /** Counts a hit in the fixed window holding `now`; once `limit` are in it, refuses without counting. */
  hit(key: string, limit: number, windowMs: number, now: Date): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Forgets the window holding `now` (a successful sign-in clears the failures before it). */
  clearHits(key: string, windowMs: number, now: Date): Promise<void>;
  openSession(id: string, session: { username: string; at: string; expiresAt: string }): Promise<void>;
  /** Marks the session used now, unless it was idle since before `idleSince` or is unknown. */
  touchSession(id: string, now: string, idleSince: string): Promise<'active' | 'idle' | 'unknown'>;
  closeSession(id: string): Promise<void>;
}

export interface NegativeListPort {
  lookup(creditCode: string): Promise<NegativeListHit[]>;
}

export interface Disbursement {
  transactionId: string;
  applicationId: string;
  amount: number;
  account: string;
  at: string;
}

export interface CoreBankingPort {
  /** Pays the loan out once per application; a repeat returns the first payment with replayed = true. */
  disburse(req: { applicationId: string; amount: number; account: string }): Promise<Disbursement & { replayed: boolean }>;
  /** Every payment made for an application (reconciliation and tests). */
  payments(applicationId: string): Promise<Disbursement[]>;
}

export interface SealMeta {
  reason: string;
  location: string;
  /** The signer's name as the signature dictionary shows it (the bank's legal name). */
  name: string;
  signingTime?: Date;
}

export interface SealPort {
  /** Returns the PDF with the bank's digital signature covering every byte except the signature itself. */
  seal(pdf: Uint8Array, meta: SealMeta): Promise<Uint8Array>;
}

export interface Clock {
  now(): Date;
}

export interface Deps {
  applications: ApplicationStore;
  documentRecords: DocumentRecords;
  staff: StaffDirectory;
  documents: DocumentStorage;
  contracts: DocumentStorage;
  seal: SealPort;
  coreBanking: CoreBankingPort;
  workflow: WorkflowStarter;
  notifier: Notifier;
  auth: AuthPort;
  accounts: AccountStore;
  negativeList: NegativeListPort;
  clock: Clock;
  newId(): string;
  stage: string;
}
