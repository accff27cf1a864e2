/** The target-list imports and leads in memory, with the DynamoDB store's conditional writes (one turn per call). */
import type { Lead } from '../../../shared/target-list.js';
import type { ChunkResult, LeadStore, TargetListImport } from '../../core/lead-ports.js';
import { io, stored } from './copy.js';

export class MemoryLeadStore implements LeadStore {
  private readonly imports = new Map<string, TargetListImport>();
  private readonly files = new Map<string, string>();
  private readonly chunks = new Map<string, Map<number, ChunkResult>>();
  private readonly leads = new Map<string, Lead>();
  private readonly loads = new Map<string, number>();

  async putImport(rec: TargetListImport) {
    await io();
    this.imports.set(rec.importId, stored(rec));
  }

  async getImport(importId: string) {
    await io();
    const rec = this.imports.get(importId);
    return rec ? stored(rec) : null;
  }

  async listImports() {
    await io();
    return [...this.imports.values()].map(stored).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  async claimFile(sha256: string, importId: string) {
    await io();
    if (!this.files.has(sha256)) this.files.set(sha256, importId);
    return this.files.get(sha256)!;
  }

  async recordChunk(importId: string, result: ChunkResult) {
    await io();
    const byChunk = this.chunks.get(importId) ?? new Map<number, ChunkResult>();
    this.chunks.set(importId, byChunk);
    if (!byChunk.has(result.chunk)) byChunk.set(result.chunk, stored(result));
    return stored(byChunk.get(result.chunk)!);
  }

  async chunkResults(importId: string) {
    await io();
    return [...(this.chunks.get(importId)?.values() ?? [])].map(stored).sort((a, b) => a.chunk - b.chunk);
  }

  async getLead(creditCode: string) {
    await io();
    const lead = this.leads.get(creditCode);
    return lead ? stored(lead) : null;
  }

  async createLead(lead: Lead) {
    await io();
    if (this.leads.has(lead.creditCode)) return false;
    this.leads.set(lead.creditCode, stored(lead));
    if (lead.assignee) this.loads.set(lead.assignee, (this.loads.get(lead.assignee) ?? 0) + 1);
    return true;
  }

  async updateLead(lead: Lead, expectedUpdatedAt: string) {
    await io();
    const current = this.leads.get(lead.creditCode);
    if (!current || current.updatedAt !== expectedUpdatedAt) return false;
    this.leads.set(lead.creditCode, stored(lead));
    return true;
  }

  async listLeads(filter: { assignee?: string }) {
    await io();
    return [...this.leads.values()].filter((l) => !filter.assignee || l.assignee === filter.assignee).map(stored)
      .sort((a, b) => a.class.localeCompare(b.class) || b.compositeScore - a.compositeScore || a.creditCode.localeCompare(b.creditCode));
  }

  async assigneeLoads(usernames: string[]) {
    await io();
    return Object.fromEntries(usernames.map((u) => [u, this.loads.get(u) ?? 0]));
  }
}
