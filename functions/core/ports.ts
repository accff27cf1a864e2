/**
 * Ports: what the use cases need from the outside world. Each has a real adapter (DynamoDB, S3, Step Functions,
 * Cognito; the same in Lambda and on the local emulators) and an in-memory one (functions/adapters/memory/) for
 * fast tests; functions/wiring.ts chooses. Use cases import only these interfaces.
 */
import type { DemoKind, EnterpriseFacts } from '../../shared/enterprise.js';
import type { BankConfig } from '../../shared/bank-config.js';
import type { ShadowReport } from '../../shared/policy-shadow.js';
import type { CodePurpose, ContactKind } from '../../shared/accounts.js';
import type { ApplicationRecord, DocumentRecord, NegativeListHit } from '../../shared/types.js';
import type { FollowUpTask, ExternalSignal } from '../../shared/servicing/follow-up.js';
import type { LoanRecord } from '../../shared/servicing/loan.js';
import type { ChainedEvent } from './event-chain.js';
import type { LeadStore, ListReader } from './lead-ports.js';

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
export type WorkflowKind = 'decision' | 'contract' | 'statement' | 'target-list';

export interface WorkflowStarter {
  /** Starts a workflow run for an application (a target-list run: for an import); safe to call twice for the same run name. */
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

/** What a verified access token says about its holder and its session. */
export interface AccessClaims {
  sub: string;
  username: string;
  groups: string[];
  /** The session's token id: Cognito's `origin_jti` (the same for every token a refresh token issues), else the token's `jti`. */
  tokenId: string;
  /** When the token stops being valid anyway (epoch seconds). */
  expiresAt: number;
}

/** An access token a session issued, remembered so sign-out can revoke it before it expires. */
export interface SessionToken {
  id: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** The user pool. Usernames reaching it are already normalised (shared/accounts.ts). */
export interface AuthPort {
  signIn(username: string, password: string): Promise<AuthSession>;
  verifyAccessToken(token: string): Promise<AccessClaims>;
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
  /** Opens a session with the access token its sign-in issued. */
  openSession(id: string, session: { username: string; at: string; expiresAt: string; token: SessionToken }): Promise<void>;
  /** Marks the session used now, unless it was idle since before `idleSince` or is unknown. */
  touchSession(id: string, now: string, idleSince: string): Promise<'active' | 'idle' | 'unknown'>;
  /** Remembers another access token the session issued (a refresh); false when the session has closed meanwhile. */
  addSessionToken(id: string, token: SessionToken): Promise<boolean>;
  /** Closes the session; the access tokens it issued (none when it was unknown). */
  closeSession(id: string): Promise<SessionToken[]>;
  /** Marks access tokens revoked until they expire (the record lives as long as the token would). */
  revokeTokens(tokens: SessionToken[]): Promise<void>;
  /** Whether an access token was revoked; read consistently, so the request after a sign-out is refused everywhere. */
  isTokenRevoked(tokenId: string): Promise<boolean>;
}

export interface NegativeListPort {
  lookup(creditCode: string): Promise<NegativeListHit[]>;
}

/** One entry head office keeps on the negative list: which list, who says so, and why it was added. */
export interface NegativeListEntry extends NegativeListHit {
  creditCode: string;
  source: string;
  reason: string;
  addedBy: string;
  addedAt: string;
}

/** The managed negative list: screening reads it, head office adds, imports and removes with a reason. */
export interface NegativeListStore extends NegativeListPort {
  /** Every entry, or one code's. */
  list(filter?: { creditCode?: string }): Promise<NegativeListEntry[]>;
  /** Adds or replaces entries (one per code and list) and records the event in the admin history, in one write. */
  put(entries: NegativeListEntry[], event: NewEvent): Promise<void>;
  /** Removes every entry of a code with the event; returns what was removed (nothing: no event written). */
  remove(creditCode: string, event: NewEvent): Promise<NegativeListEntry[]>;
}

/** A head-office change to the bank configuration, waiting for a second head-office user. */
export interface ConfigProposal {
  id: string;
  /** The latest version when proposed; approval is refused once another version has been written. */
  baseVersion: number;
  changes: Record<string, unknown>;
  effectiveFrom: string;
  reason: string;
  proposedBy: string;
  proposedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  impact: ShadowReport;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
  /** The version the approval wrote. */
  version?: number;
}

/** Versions of the bank configuration, the proposals that change it, and the admin history both write to. */
export interface BankConfigStore {
  /** Every stored version, newest first; the seed (version 1) is written first when none is stored. */
  versions(): Promise<BankConfig[]>;
  /** The version in force at `at` (effectiveFrom ≤ at). */
  inForce(at: Date): Promise<BankConfig>;
  get(version: number): Promise<BankConfig | null>;
  propose(p: ConfigProposal, event: NewEvent): Promise<void>;
  getProposal(id: string): Promise<ConfigProposal | null>;
  listProposals(): Promise<ConfigProposal[]>;
  /**
   * Writes `next` (version = latest + 1) and the decided proposal in one transaction: 'stale' when another version
   * was written since the proposal's base, 'decided' when the proposal is no longer pending.
   */
  approve(p: ConfigProposal, next: BankConfig, event: NewEvent): Promise<'ok' | 'stale' | 'decided'>;
  /** Marks the proposal rejected if still pending; false otherwise. */
  reject(p: ConfigProposal, event: NewEvent): Promise<boolean>;
  /** The admin history (proposals, approvals, rejections, negative-list changes), hash-chained like an application's log. */
  history(): Promise<ChainedEvent[]>;
}

export interface Disbursement {
  transactionId: string;
  applicationId: string;
  amount: number;
  account: string;
  at: string;
}

/** One posting on an enterprise's basic account, with the balance after it. */
export interface Posting {
  id: string;
  at: string;
  /** fen, always positive; direction says which way */
  amount: number;
  direction: 'credit' | 'debit';
  memo: string;
  balance: number;
  /** The caller's key: a second post with the same reference returns the first. */
  reference: string;
}
/** A debit that took money, or why it could not. */
export type DebitResult =
  | { ok: true; transactionId: string; amount: number; at: string; balance: number; replayed: boolean }
  | { ok: false; reason: 'insufficient-funds'; balance: number };

export interface CoreBankingPort {
  /**
   * Pays the loan out once per application; a repeat returns the first payment with replayed = true. With
   * `creditCode`, the amount is credited to that enterprise's basic account, once per application.
   */
  disburse(req: { applicationId: string; amount: number; account: string; creditCode?: string }): Promise<Disbursement & { replayed: boolean }>;
  /** Every payment made for an application (reconciliation and tests). */
  payments(applicationId: string): Promise<Disbursement[]>;
  /**
   * Posts to an enterprise's basic account (keyed by its credit code): micro-deposits, repayments. Balance and
   * posting are written together; the same reference twice posts once (replayed = true).
   */
  post(req: { creditCode: string; amount: number; direction: 'credit' | 'debit'; memo: string; reference: string }): Promise<Posting & { replayed: boolean }>;
  /** The account's postings, newest first. */
  statement(creditCode: string): Promise<Posting[]>;
  /** The balance of an enterprise's basic (repayment) account, fen. */
  accountBalance(creditCode: string): Promise<number>;
  /**
   * Takes `amount` from the enterprise's account once per `key` (loan + period + attempt): a repeat of a key that
   * took money returns that debit with replayed = true and takes nothing. Without enough money nothing is taken,
   * unless `allowPartial`, which takes what there is (if anything).
   */
  debit(req: { creditCode: string; key: string; amount: number; memo: string; allowPartial?: boolean }): Promise<DebitResult>;
  /** Local simulator only: sets an account's balance (so a debit can fail). */
  setAccountBalance?(creditCode: string, balance: number): Promise<void>;
}

/** Local demo data: a registry firm and what it is for. */
export interface DemoEnterprise {
  creditCode: string;
  name: string;
  division: string;
  kind: DemoKind;
  legalRepresentative: { name: string; idNumber: string };
}

/** What the bank already knows: the registry, imported government lists, tax filings, social insurance. */
export interface RegistryPort {
  /** The enterprise's facts, or null when the registry has no such code. */
  lookup(creditCode: string): Promise<EnterpriseFacts | null>;
  /** Local stack only: the demo data set's firms, a prefecture's code matching all of its counties. */
  demoEnterprises?(filter: { division?: string; kind?: DemoKind }): Promise<DemoEnterprise[]>;
}

/** The micro-deposit an account must type back to prove it controls the enterprise's basic account. */
export interface DepositChallenge {
  creditCode: string;
  /** The normalised username of the account verifying. */
  username: string;
  name: string;
  amount: number;
  memo: string;
  attempts: number;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'verified';
}

export interface EnterpriseBinding {
  creditCode: string;
  name: string;
  username: string;
  role: 'owner' | 'member';
  since: string;
}

export type ClaimResult = 'verified' | 'claimed-by-another' | 'closed';

/**
 * Enterprise verification and who may act for which enterprise. Every limit is a conditional write, so it holds
 * when requests race; bindings exist only once verification succeeded.
 */
export interface EnterpriseStore {
  /** Starts the account's challenge for the enterprise, replacing an earlier one (a new deposit, attempts from 0). */
  putChallenge(challenge: DepositChallenge): Promise<void>;
  getChallenge(creditCode: string, username: string): Promise<DepositChallenge | null>;
  /** Counts one wrong answer while the challenge is open (pending, under maxAttempts, not expired at `now`): the attempts after it, or null when it was closed. */
  recordWrongAnswer(creditCode: string, username: string, now: string, maxAttempts: number): Promise<number | null>;
  /** In one transaction: closes the open challenge and makes the account the enterprise's one owner. */
  claim(creditCode: string, username: string, now: string, maxAttempts: number): Promise<ClaimResult>;
  /** Counts a legal-representative mismatch in a rolling window: the count after it, or null when the limit was already reached. */
  recordMismatch(creditCode: string, username: string, now: string, windowMs: number, max: number): Promise<number | null>;
  /** Mismatches counted in the window that is still running at `now` (0 when none). */
  mismatches(creditCode: string, username: string, now: string, windowMs: number): Promise<number>;
  owner(creditCode: string): Promise<EnterpriseBinding | null>;
  /** Which of these codes have an owner (the dev route's unclaimed filter). */
  claimed(creditCodes: string[]): Promise<Set<string>>;
  /** The account's owner or member binding for the enterprise, if verified. */
  binding(creditCode: string, username: string): Promise<EnterpriseBinding | null>;
  /** Adds a member once; false when the account was already bound to it. */
  addMember(binding: EnterpriseBinding): Promise<boolean>;
  /** The enterprises an account is bound to, and those it has a deposit pending for. */
  listForAccount(username: string): Promise<(EnterpriseBinding & { status: 'verified' | 'deposit-sent' })[]>;
  /** Demo data: an owner without the deposit round (false when another account owns it). */
  seedOwner(binding: EnterpriseBinding): Promise<boolean>;
}

/** Loans (DESIGN.md §7.2), one record per loan keyed by its application id; every write is version-conditional. */
export interface LoanStore {
  /** Creates the loan once; a repeat returns the stored one with created = false. */
  create(loan: LoanRecord): Promise<{ loan: LoanRecord; created: boolean }>;
  get(id: string): Promise<LoanRecord | null>;
  /** Writes `next` only if the stored version is still `next.version - 1`. Returns false on a lost race. */
  update(next: LoanRecord): Promise<boolean>;
  /** Every loan of one borrower (credit code): borrower-level classification. */
  listByBorrower(creditCode: string): Promise<LoanRecord[]>;
  /** A branch's loans in pages (the daily run's chunks, staff lists). */
  branchPage(branch: string, page: { limit: number; cursor?: string }): Promise<{ items: LoanRecord[]; cursor?: string }>;
}

/** Post-loan follow-up tasks (warnings to verify, band actions, inspections), each owned by one person. */
export interface FollowUpTaskStore {
  /** Creates the task unless one with its id exists (ids are deterministic, so a re-run raises nothing twice). */
  create(task: FollowUpTask): Promise<boolean>;
  get(id: string): Promise<FollowUpTask | null>;
  /** Writes `next` only if the stored task is still `open`. */
  update(next: FollowUpTask): Promise<boolean>;
  listByAssignee(username: string): Promise<FollowUpTask[]>;
  listByBranch(branch: string): Promise<FollowUpTask[]>;
}

/** Court cases, the dishonest-debtor list, registry changes, tax arrears: what the bank hears about a borrower. */
export interface ExternalSignalsPort {
  /** Signals about an enterprise recorded after `since` (ISO instant), oldest first. */
  signals(creditCode: string, since?: string): Promise<ExternalSignal[]>;
  /** Local stack only: records a signal as if a data provider had sent it. */
  inject?(signal: ExternalSignal): Promise<void>;
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
  /** Local stack and tests only: moves time forward. */
  advance?(ms: number): void;
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
  negativeList: NegativeListStore;
  bankConfig: BankConfigStore;
  registry: RegistryPort;
  enterprises: EnterpriseStore;
  /** Target-list imports and leads (DESIGN.md §7.4). */
  leads: LeadStore;
  listReader: ListReader;
  accounts: AccountStore;
  clock: Clock;
  loans: LoanStore;
  followUps: FollowUpTaskStore;
  externalSignals: ExternalSignalsPort;
  newId(): string;
  stage: string;
}
