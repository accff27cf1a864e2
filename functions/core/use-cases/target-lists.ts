/**
 * Target lists to leads (DESIGN.md §7.4): head office uploads a list as a document is uploaded, starts the import,
 * and a workflow parses it, then works through it in chunks (screen, merge with what the bank knows, stratify,
 * distribute). Every chunk's writes are idempotent and its counts recorded once, so a re-run converges; leads of an
 * import show only once it is done, so a failed run leaves nothing half-imported; the same bytes import once.
 */
import { DomainError, forbidden, invalid, notFound } from '../../../shared/errors.js';
import { classifyLead, listPeers, type ListPeers } from '../../../shared/lead-stratification.js';
import { pickAccountManager, routeToBranch } from '../../../shared/routing.js';
import type { TargetListRequest } from '../../../shared/schemas/target-list.js';
import {
  MAX_BAD_ROWS_LISTED, MAX_TARGET_LIST_BYTES, RowMerger, TARGET_LIST_CHUNK_ROWS, TARGET_LIST_CONTENT_TYPES, addChunk,
  chooseLeadAssignee, emptySummary, mapColumns, validateRow, type BadRow, type Lead, type ListRow, type TargetListFormat,
} from '../../../shared/target-list.js';
import type { ChunkResult, TargetListImport } from '../lead-ports.js';
import type { Deps, Principal } from '../ports.js';
import { sha256 } from '../sha256.js';

const isHeadOffice = (p: Principal) => p.groups.includes('head-office');
export function requireHeadOffice(p: Principal) {
  if (!isHeadOffice(p)) throw forbidden('Only head office imports target lists.', { why: 'head-office-only' });
}

/** Content types a browser or client declares for the two formats. */
const DECLARED: Record<string, TargetListFormat> = {
  'text/csv': 'csv', 'application/csv': 'csv', 'text/plain': 'csv', 'application/vnd.ms-excel': 'csv',
  [TARGET_LIST_CONTENT_TYPES.xlsx]: 'xlsx',
};

const tooLarge = (size: number) => new DomainError('file-too-large',
  `A target list is at most ${MAX_TARGET_LIST_BYTES / 1024 / 1024} MB; this one is ${(size / 1024 / 1024).toFixed(1)} MB. Split it and import the parts.`, 413,
  { size: `At most ${MAX_TARGET_LIST_BYTES} bytes (50 MB).` });

const chunkKey = (importId: string, n: number) => `target-lists/${importId}/chunks/${String(n).padStart(6, '0')}.json`;
/** The list's own industry peers for stratification, written by the parse step and read by every chunk. */
const peersKey = (importId: string) => `target-lists/${importId}/peers.json`;
const today = (deps: Deps) => new Date(deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function requestTargetListUpload(deps: Deps, p: Principal, req: TargetListRequest) {
  requireHeadOffice(p);
  if (req.size > MAX_TARGET_LIST_BYTES) throw tooLarge(req.size);
  const contentType = req.contentType.split(';')[0].trim().toLowerCase();
  if (!DECLARED[contentType]) {
    throw new DomainError('unsupported-file', `A target list is a CSV or XLSX file; ${req.contentType} is neither.`, 415,
      { contentType: `text/csv or ${TARGET_LIST_CONTENT_TYPES.xlsx}.` });
  }
  const importId = deps.newId();
  const now = deps.clock.now().toISOString();
  const rec: TargetListImport = {
    importId, fileName: req.fileName, size: req.size, contentType, source: req.source, label: req.label,
    objectKey: `target-lists/${importId}/list`, createdBy: p.username, createdAt: now, status: 'pending',
    progress: { rows: 0, processed: 0 }, summary: emptySummary(), updatedAt: now,
  };
  const upload = await deps.documents.presignUpload(rec.objectKey, contentType, req.size);
  await deps.leads.putImport(rec);
  return { importId, upload };
}

async function loadImport(deps: Deps, importId: string) {
  const rec = /^[A-Za-z0-9-]{1,64}$/.test(importId) ? await deps.leads.getImport(importId) : null;
  if (!rec) throw notFound('target-list import');
  return rec;
}

async function fail(deps: Deps, rec: TargetListImport, error: NonNullable<TargetListImport['error']>) {
  await deps.leads.putImport({ ...rec, status: 'failed', error, updatedAt: deps.clock.now().toISOString() });
}

/** Checks the stored bytes (size, format, columns) now, so a wrong file is named at once; then starts the run. */
export async function startTargetListImport(deps: Deps, p: Principal, importId: string) {
  requireHeadOffice(p);
  const rec = await loadImport(deps, importId);
  if (rec.status === 'running' || rec.status === 'done') return present(rec);
  const stored = await deps.documents.read(rec.objectKey, MAX_TARGET_LIST_BYTES);
  if (!stored) throw new DomainError('upload-missing', 'No file has arrived for this import yet: send the bytes to the upload URL first, then start.', 409);
  if (stored.size > MAX_TARGET_LIST_BYTES) {
    await fail(deps, rec, { code: 'file-too-large', message: tooLarge(stored.size).message, messageZh: '名单文件超过 50 MB，请拆分后分别导入。' });
    throw tooLarge(stored.size);
  }
  const format = deps.listReader.sniff(stored.bytes);
  if (!format) {
    const message = `${rec.fileName} is not a CSV or XLSX file (its content says otherwise, whatever its name).`;
    await fail(deps, rec, { code: 'unsupported-file', message, messageZh: `${rec.fileName} 不是 CSV 或 XLSX 文件。` });
    throw new DomainError('unsupported-file', message, 415, { file: 'CSV or XLSX only.' });
  }
  // The header row only: wrong columns are refused before any work starts.
  let header: string[] = [];
  for await (const row of deps.listReader.rows(stored.bytes, format)) { header = row.cells; break; }
  const columns = mapColumns(header);
  if (!columns.ok) {
    await fail(deps, rec, { code: 'missing-columns', message: columns.message, messageZh: columns.messageZh });
    throw invalid(columns.message, Object.fromEntries(columns.missing.map((c) => [c, 'This column is required.'])), 'missing-columns');
  }
  const digest = sha256(stored.bytes);
  const first = await deps.leads.claimFile(digest, rec.importId);
  const now = deps.clock.now().toISOString();
  if (first !== rec.importId) {
    const original = await deps.leads.getImport(first);
    const done: TargetListImport = {
      ...rec, status: 'done', format, sha256: digest, duplicateOf: first, updatedAt: now,
      progress: { rows: 0, processed: 0 },
      summary: { ...emptySummary(), total: original?.summary.total ?? 0, duplicates: original?.summary.total ?? 0 },
    };
    await deps.leads.putImport(done);
    return present(done);
  }
  const running: TargetListImport = { ...rec, status: 'running', format, sha256: digest, updatedAt: now, error: undefined };
  await deps.leads.putImport(running);
  await deps.workflow.start('target-list', rec.importId, `target-list-${rec.importId}`);
  return present(running);
}

/** The import as §7.4 shows it. */
export function present(rec: TargetListImport) {
  const status = rec.status === 'pending' ? 'running' as const : rec.status;
  const { badRowCount: _count, ...summary } = rec.summary;
  return {
    importId: rec.importId, status, fileName: rec.fileName, source: rec.source, label: rec.label,
    progress: rec.progress, summary: { ...summary, badRows: summary.badRows },
    badRowCount: rec.summary.badRowCount,
    ...(rec.duplicateOf ? { duplicateOf: rec.duplicateOf } : {}),
    ...(rec.error ? { error: rec.error } : {}),
    createdAt: rec.createdAt, updatedAt: rec.updatedAt,
  };
}

export async function getTargetListImport(deps: Deps, p: Principal, importId: string) {
  requireHeadOffice(p);
  const rec = await loadImport(deps, importId);
  return { ...present(rec), ...(rec.status === 'pending' ? { status: 'running' as const } : {}) };
}

export async function listTargetListImports(deps: Deps, p: Principal) {
  requireHeadOffice(p);
  return (await deps.leads.listImports()).map(present);
}

// ---- Workflow steps ----

/** Every row read and validated, rows of one code folded. Its own function so the file's bytes are garbage once it returns. */
async function readRows(deps: Deps, rec: TargetListImport) {
  const stored = await deps.documents.read(rec.objectKey, MAX_TARGET_LIST_BYTES);
  if (!stored || !rec.format) throw new Error(`import ${rec.importId} has no stored file`);
  const merger = new RowMerger();
  const badRows: BadRow[] = [];
  let badRowCount = 0;
  let total = 0;
  let columns: Extract<ReturnType<typeof mapColumns>, { ok: true }>['columns'] | undefined;
  // Rows stream from the reader into the merger: only the folded good rows are held, never the raw ones.
  for await (const raw of deps.listReader.rows(stored.bytes, rec.format)) {
    if (!columns) {
      const mapped = mapColumns(raw.cells);
      if (!mapped.ok) throw new Error(mapped.message);
      columns = mapped.columns;
      continue;
    }
    total++;
    const r = validateRow(raw.cells, raw.line, columns, rec.label || undefined);
    if (r.ok) merger.add(r.row);
    else {
      badRowCount++;
      if (badRows.length < MAX_BAD_ROWS_LISTED) badRows.push(r.bad);
    }
  }
  return { merger, badRows, badRowCount, total };
}

/** Step 1: every row read and validated, rows of one code folded, the good ones written as chunk files. */
export async function parseTargetList(deps: Deps, importId: string): Promise<{ chunks: number[] }> {
  const rec = await loadImport(deps, importId);
  const { merger, badRows, badRowCount, total } = await readRows(deps, rec);
  const rows = merger.rows();
  const mergedCodes = merger.mergedCodes();
  // Classes rank a firm among the list's firms of its industry (§3), so every chunk needs the whole list's columns.
  // The list's own figures (or the industry median) stand for each firm here; chunks add the bank's when it has them.
  // The rows are LeadFacts as they are: no second copy of the list for this.
  const peers = listPeers(rows, today(deps));
  await deps.documents.write(peersKey(importId), new TextEncoder().encode(JSON.stringify(peers)), 'application/json');
  const chunks: number[] = [];
  for (let i = 0, n = 0; i < rows.length; i += TARGET_LIST_CHUNK_ROWS, n++) {
    const part = rows.slice(i, i + TARGET_LIST_CHUNK_ROWS).map((r) => ({ ...r, mergedInFile: mergedCodes.has(r.creditCode) }));
    await deps.documents.write(chunkKey(importId, n), new TextEncoder().encode(JSON.stringify(part)), 'application/json');
    chunks.push(n);
  }
  await deps.leads.putImport({
    ...rec, chunks: chunks.length, progress: { rows: rows.length, processed: 0 },
    summary: { ...emptySummary(), total, duplicates: merger.duplicates, badRows, badRowCount },
    updatedAt: deps.clock.now().toISOString(),
  });
  return { chunks };
}

/** "What the bank already knows" about an enterprise: the registry port of the KYB work, when wired. */
interface KnownFacts { labels?: { label: string }[]; establishedOn?: string; financials?: Record<string, { value: number }> }
type MaybeRegistry = { registry?: { lookup(creditCode: string): Promise<KnownFacts | null> } };

async function known(deps: Deps, creditCode: string) {
  const registry = (deps as Deps & MaybeRegistry).registry;
  const facts = registry ? await registry.lookup(creditCode) : null;
  const f = facts?.financials;
  return {
    labels: (facts?.labels ?? []).map((l) => l.label),
    establishedOn: facts?.establishedOn,
    financials: f?.revenue && f.totalAssets && f.totalLiabilities && f.netProfit
      ? { revenue: f.revenue.value, totalAssets: f.totalAssets.value, totalLiabilities: f.totalLiabilities.value, netProfit: f.netProfit.value }
      : undefined,
  };
}

// One copy per import and instance: chunks of one import running on the same instance share the parsed columns.
const peersCache = new Map<string, Promise<ListPeers | undefined>>();
function peersOf(deps: Deps, importId: string): Promise<ListPeers | undefined> {
  let p = peersCache.get(importId);
  if (!p) {
    // An import parsed before the peers were written is ranked against the population, as it was then.
    p = deps.documents.read(peersKey(importId), 64 * 1024 * 1024)
      .then((stored) => (stored ? JSON.parse(new TextDecoder().decode(stored.bytes)) as ListPeers : undefined));
    p.catch(() => peersCache.delete(importId));
    peersCache.set(importId, p);
    while (peersCache.size > 2) peersCache.delete(peersCache.keys().next().value!);
  }
  return p;
}

/** Step 2, once per chunk: screened, merged, stratified, distributed. A re-run returns the recorded counts. */
export async function importTargetListChunk(deps: Deps, importId: string, chunk: number): Promise<ChunkResult> {
  const done = (await deps.leads.chunkResults(importId)).find((c) => c.chunk === chunk);
  if (done) return done;
  const stored = await deps.documents.read(chunkKey(importId, chunk), 64 * 1024 * 1024);
  if (!stored) throw new Error(`chunk ${chunk} of ${importId} is missing`);
  const rows = JSON.parse(new TextDecoder().decode(stored.bytes)) as (ListRow & { mergedInFile: boolean })[];
  const peers = await peersOf(deps, importId);
  const result: ChunkResult = { chunk, rows: rows.length, merged: 0, screenedOut: 0, classes: { A: 0, B: 0, C: 0 }, leads: 0 };
  const day = today(deps);
  const pmsByBranch = new Map<string, string[]>();
  const productManagers = async (branch: string) => {
    if (!pmsByBranch.has(branch)) {
      pmsByBranch.set(branch, (await deps.staff.listStaff(branch)).filter((s) => s.roles.includes('product-manager')).map((s) => s.username));
    }
    return pmsByBranch.get(branch)!;
  };
  // Customers by branch: an enterprise with an application at the branch is the bank's, with or without a manager yet.
  const customers = new Map<string, Set<string>>();
  const isCustomer = async (branch: string, creditCode: string) => {
    if (!customers.has(branch)) customers.set(branch, new Set((await deps.applications.queue(branch)).map((a) => a.enterprise.creditCode)));
    return customers.get(branch)!.has(creditCode);
  };
  /** The enterprise's account manager as routing records it; a customer without one (approved with no human) gets the branch's least-loaded. */
  const accountManager = async (branch: string, creditCode: string) => {
    const recorded = await deps.staff.enterpriseManager(creditCode);
    if (recorded || !(await isCustomer(branch, creditCode))) return recorded;
    const ams = (await deps.staff.listStaff(branch)).filter((s) => s.roles.includes('account-manager'));
    const picked = pickAccountManager(ams.map((a) => ({ username: a.username, openCount: a.openCount })));
    if (picked) await deps.staff.setEnterpriseManager(creditCode, picked);
    return picked;
  };

  for (const row of rows) {
    const hits = await deps.negativeList.lookup(row.creditCode);
    if (hits.length) {
      result.screenedOut++;
      continue;
    }
    const bank = await known(deps, row.creditCode);
    const existing = await deps.leads.getLead(row.creditCode);
    const labels = [...new Set([...row.labels, ...bank.labels, ...(existing?.labels ?? [])])];
    if (row.mergedInFile || labels.length > row.labels.length) result.merged++;
    const facts = {
      industryBucket: row.industryBucket, labels,
      establishedOn: row.establishedOn ?? bank.establishedOn, financials: row.financials ?? bank.financials,
    };
    const cls = classifyLead(facts, day, undefined, peers);
    result.classes[cls.class]++;
    const now = deps.clock.now().toISOString();
    if (existing) {
      // Known already: labels and class refreshed, its assignee and history kept.
      if (existing.importId === importId) { result.leads++; continue; }
      if (!existing.imports.includes(importId)) {
        await deps.leads.updateLead({ ...existing, labels, class: cls.class, compositeScore: cls.compositeScore, imports: [...existing.imports, importId], updatedAt: now }, existing.updatedAt);
      }
      continue;
    }
    const route = routeToBranch({ divisionCode: row.divisionCode });
    if (!route.ok) continue;
    const manager = await accountManager(route.branch.code, row.creditCode);
    const pms = manager ? [] : await productManagers(route.branch.code);
    const loads = pms.length ? await deps.leads.assigneeLoads(pms) : {};
    const { assignee, assigneeRole } = chooseLeadAssignee(manager, pms.map((u) => ({ username: u, leads: loads[u] ?? 0 })));
    const lead: Lead = {
      creditCode: row.creditCode, name: row.name, class: cls.class, compositeScore: cls.compositeScore, labels,
      industry: row.industry, divisionCode: row.divisionCode, branch: route.branch.code, assignee, assigneeRole,
      existingCustomer: Boolean(manager), status: 'new', importId, imports: [importId],
      ...(facts.establishedOn ? { establishedOn: facts.establishedOn } : {}),
      ...(row.financials ? { financials: row.financials } : {}),
      ...(row.contact ? { contact: row.contact } : {}),
      contacts: [], createdAt: now, updatedAt: now,
    };
    // Lost to a concurrent chunk re-run of the same import: the lead is this import's all the same.
    const created = await deps.leads.createLead(lead);
    if (created || (await deps.leads.getLead(row.creditCode))?.importId === importId) result.leads++;
  }
  const recorded = await deps.leads.recordChunk(importId, result);
  const rec = await loadImport(deps, importId);
  const processed = (await deps.leads.chunkResults(importId)).reduce((n, c) => n + c.rows, 0);
  await deps.leads.putImport({ ...rec, progress: { ...rec.progress, processed }, updatedAt: deps.clock.now().toISOString() });
  return recorded;
}

/** Step 3: the chunks' counts summed; the import's leads show from now on. */
export async function finishTargetListImport(deps: Deps, importId: string) {
  const rec = await loadImport(deps, importId);
  const results = await deps.leads.chunkResults(importId);
  let summary = { ...rec.summary, merged: 0, screenedOut: 0, classes: { A: 0, B: 0, C: 0 }, leads: 0 };
  for (const r of results) summary = addChunk(summary, r);
  const processed = results.reduce((n, c) => n + c.rows, 0);
  await deps.leads.putImport({ ...rec, status: 'done', summary, progress: { ...rec.progress, processed }, error: undefined, updatedAt: deps.clock.now().toISOString() });
  return { status: 'done' as const };
}

/** The run's catch: the import says it failed; its leads stay hidden, and starting it again converges. */
export async function failTargetListImport(deps: Deps, importId: string, cause: string) {
  const rec = await loadImport(deps, importId);
  await fail(deps, { ...rec }, {
    code: 'import-failed', message: `The import stopped: ${cause.slice(0, 300)}. Start it again; finished parts are not repeated.`,
    messageZh: '导入中断，请重新开始；已完成的部分不会重复。',
  });
  return { status: 'failed' as const };
}
