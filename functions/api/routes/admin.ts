/**
 * Head office's rules (DESIGN.md §7.3): the configuration in force, proposals with their impact and four-eyes
 * approval, the admin history, the shadow run, and the managed negative list with CSV import.
 */
import { Hono } from 'hono';
import * as z from 'zod';
import { negativeListEntrySchema } from '../../../shared/negative-list.js';
import {
  adminHistory, approveProposal, configVersion, currentConfig, getProposal, listProposals, previewChanges, proposeChange, rejectProposal,
} from '../../core/use-cases/bank-config.js';
import { addNegative, IMPORT_MAX_ROWS, importNegative, listNegative, removeNegative } from '../../core/use-cases/negative-list.js';
import { parseJson, parseWith, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const changesSchema = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.object({ path: z.string().regex(/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'path is a dotted setting name such as thresholds.autoCeiling.'), value: z.unknown() }).strict()).min(1),
], { error: 'changes is an object of settings to change, e.g. { "thresholds": { "autoCeiling": 20000000 } }, or a list of { path, value }.' });

export const proposalSchema = z.object({
  changes: changesSchema,
  effectiveFrom: z.iso.datetime({ offset: true, error: 'effectiveFrom is an ISO 8601 time, e.g. 2026-12-02T00:00:00Z.' }).optional(),
  reason: z.string().trim().min(2, 'Say why the change is made.').max(1000),
}).strict();

const previewSchema = z.object({ changes: changesSchema }).strict();
const reasonSchema = z.object({ reason: z.string().trim().min(2, 'Give a reason.').max(1000) }).strict();
const negativeQuery = z.object({ creditCode: z.string().trim().max(18).optional() }).strict();
export const importSchema = z.object({
  fileName: z.string().trim().min(1).max(200),
  /** Rows of the CSV file as the console parsed them, keyed by its header (creditCode, kind, source, reason, detail, since). */
  rows: z.array(z.object({
    line: z.number().int().min(1),
    values: z.record(z.string().max(100), z.string().max(2000)),
  }).strict()).min(1, 'At least one row.').max(IMPORT_MAX_ROWS, `At most ${IMPORT_MAX_ROWS} rows per request; send a long file in parts.`),
}).strict();

export const adminRoutes = new Hono<AppEnv>()
  .get('/config', doc({ summary: 'Head office: the bank configuration in force, and versions still to come', ok: [200, '{ version, effectiveFrom, products[], thresholds, lpr, policy, sla, branches[], … }'], errors: [401, 403] }), async (c) =>
    c.json(await currentConfig(c.get('deps'), principal(c))))
  .get('/config/versions/:version', doc({ summary: 'Head office: one configuration version', ok: [200, 'The configuration'], errors: [401, 403, 404] }), async (c) => {
    const version = Number(c.req.param('version'));
    return c.json(await configVersion(c.get('deps'), principal(c), Number.isSafeInteger(version) ? version : -1));
  })
  .get('/config/proposals', doc({ summary: 'Head office: proposals, newest first', ok: [200, 'Array of proposals'], errors: [401, 403] }), async (c) =>
    c.json(await listProposals(c.get('deps'), principal(c))))
  .post('/config/proposals', doc({
    summary: 'Head office: propose a change; answers its impact on recent decisions', body: proposalSchema, bodyName: 'ConfigProposal',
    ok: [201, '{ proposalId, impact: { total, changedOutcomes, changed[] } }'], errors: [401, 403, 415, 422],
  }), async (c) => {
    const input = await parseJson(c, proposalSchema);
    return c.json(await proposeChange(c.get('deps'), principal(c), input), 201);
  })
  .get('/config/proposals/:id', doc({ summary: 'Head office: one proposal', ok: [200, 'The proposal'], errors: [401, 403, 404] }), async (c) =>
    c.json(await getProposal(c.get('deps'), principal(c), c.req.param('id'))))
  .post('/config/proposals/:id/approve', doc({ summary: 'Head office: approve another user\'s proposal (four eyes); writes the next version', ok: [200, '{ proposal, version, effectiveFrom }'], errors: [401, 403, 404, 409, 422] }), async (c) =>
    c.json(await approveProposal(c.get('deps'), principal(c), c.req.param('id')), 200))
  .post('/config/proposals/:id/reject', doc({ summary: 'Head office: reject a proposal with a reason', body: reasonSchema, bodyName: 'Reason', ok: [200, 'The proposal'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const { reason } = await parseJson(c, reasonSchema);
    return c.json(await rejectProposal(c.get('deps'), principal(c), c.req.param('id'), reason), 200);
  })
  .post('/config/replay', doc({ summary: 'Head office: replay recent decisions under changes, proposing nothing (shadow run)', body: previewSchema, bodyName: 'ConfigPreview', ok: [200, '{ total, changedOutcomes, changed[] }'], errors: [401, 403, 415, 422] }), async (c) => {
    const { changes } = await parseJson(c, previewSchema);
    return c.json(await previewChanges(c.get('deps'), principal(c), changes));
  })
  .get('/history', doc({ summary: 'Head office: the hash-chained history of rule changes, with its check', ok: [200, '{ chain, events[] }'], errors: [401, 403] }), async (c) =>
    c.json(await adminHistory(c.get('deps'), principal(c))))
  .get('/negative-list', doc({ summary: 'Head office: negative-list entries, or one code\'s', query: negativeQuery, ok: [200, 'Array of entries'], errors: [401, 403, 422] }), async (c) => {
    const { creditCode } = parseWith(negativeQuery, c.req.query());
    return c.json(await listNegative(c.get('deps'), principal(c), creditCode));
  })
  .post('/negative-list', doc({ summary: 'Head office: add an entry with its source and a reason', body: negativeListEntrySchema, bodyName: 'NegativeListEntry', ok: [201, 'The entry'], errors: [401, 403, 415, 422] }), async (c) => {
    const input = await parseJson(c, negativeListEntrySchema);
    return c.json(await addNegative(c.get('deps'), principal(c), input), 201);
  })
  .post('/negative-list/import', doc({
    summary: `Head office: import rows of a CSV file (creditCode,kind,source,reason[,detail,since]), up to ${IMPORT_MAX_ROWS} a request`, body: importSchema, bodyName: 'NegativeListImport',
    ok: [200, '{ rows, added, badRows: [{ line, reason }] }'], errors: [401, 403, 413, 415, 422],
  }), async (c) => {
    const input = await parseJson(c, importSchema);
    return c.json(await importNegative(c.get('deps'), principal(c), input));
  })
  .delete('/negative-list/:creditCode', doc({ summary: 'Head office: remove a code\'s entries with a reason', body: reasonSchema, bodyName: 'Reason', ok: [200, '{ creditCode, removed[], reason }'], errors: [401, 403, 404, 415, 422] }), async (c) => {
    const { reason } = await parseJson(c, reasonSchema);
    return c.json(await removeNegative(c.get('deps'), principal(c), c.req.param('creditCode'), reason));
  });
