/**
 * Ports of the target-list import and the leads (DESIGN.md §7.4), beside ports.ts so the feature's interfaces sit
 * together; Deps (ports.ts) carries them as `leads` and `listReader`.
 */
import type { ImportSummary, Lead, ListRow, TargetListFormat } from '../../shared/target-list.js';

export interface TargetListImport {
  importId: string;
  fileName: string;
  size: number;
  contentType: string;
  source: string;
  label: string;
  objectKey: string;
  createdBy: string;
  createdAt: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  format?: TargetListFormat;
  sha256?: string;
  /** Set when the same bytes were imported before: this import changed nothing. */
  duplicateOf?: string;
  progress: { rows: number; processed: number };
  summary: ImportSummary;
  chunks?: number;
  error?: { code: string; message: string; messageZh: string };
  updatedAt: string;
}

/** One chunk's counts, recorded once, so a re-run of the chunk returns them instead of counting twice. */
export interface ChunkResult {
  chunk: number;
  rows: number;
  merged: number;
  screenedOut: number;
  classes: { A: number; B: number; C: number };
  leads: number;
}

export interface LeadStore {
  putImport(rec: TargetListImport): Promise<void>;
  getImport(importId: string): Promise<TargetListImport | null>;
  listImports(): Promise<TargetListImport[]>;
  /** Claims a file's SHA-256 for an import in one conditional write: the import that holds it (the first claimer). */
  claimFile(sha256: string, importId: string): Promise<string>;
  /** Records a chunk's result unless one is recorded; returns the one that stands. */
  recordChunk(importId: string, result: ChunkResult): Promise<ChunkResult>;
  chunkResults(importId: string): Promise<ChunkResult[]>;
  getLead(creditCode: string): Promise<Lead | null>;
  /** Creates the lead when the code has none and counts it on its assignee's load, in one transaction; false when it exists. */
  createLead(lead: Lead): Promise<boolean>;
  /** Writes the lead if its stored updatedAt is still `expectedUpdatedAt`; false on a lost race. */
  updateLead(lead: Lead, expectedUpdatedAt: string): Promise<boolean>;
  /** Leads of one assignee, or (head office) all. */
  listLeads(filter: { assignee?: string }): Promise<Lead[]>;
  /** How many leads each of these people holds (least-loaded assignment). */
  assigneeLoads(usernames: string[]): Promise<Record<string, number>>;
}

/** Reads a list file's rows; the adapter holds the parsing libraries. */
export interface ListReader {
  sniff(head: Uint8Array): TargetListFormat | null;
  rows(bytes: Uint8Array, format: TargetListFormat): AsyncIterable<{ line: number; cells: string[] }>;
}
