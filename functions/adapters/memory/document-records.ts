/** DocumentRecords in memory: one record per document under its application, listed in key order as the table lists them. */
import type { DocumentRecord } from '../../../shared/types.js';
import type { DocumentRecords } from '../../core/ports.js';
import { byKey, io, stored } from './copy.js';

export class MemoryDocumentRecords implements DocumentRecords {
  private readonly byApp = new Map<string, Map<string, DocumentRecord>>();

  async putDocument(appId: string, doc: DocumentRecord) {
    await io();
    if (!this.byApp.has(appId)) this.byApp.set(appId, new Map());
    this.byApp.get(appId)!.set(doc.documentId, stored(doc));
  }

  async getDocument(appId: string, documentId: string) {
    await io();
    const doc = this.byApp.get(appId)?.get(documentId);
    return doc ? stored(doc) : null;
  }

  async listDocuments(appId: string) {
    await io();
    return [...(this.byApp.get(appId)?.values() ?? [])].sort((a, b) => byKey(a.documentId, b.documentId)).map((d) => stored(d));
  }
}
