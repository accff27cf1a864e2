import { Hono } from 'hono';
import { TargetListRequest } from '../../../shared/schemas/target-list.js';
import { leadFunnel } from '../../core/use-cases/leads.js';
import {
  getTargetListImport, listTargetListImports, requestTargetListUpload, startTargetListImport,
} from '../../core/use-cases/target-lists.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

/** Head office: target lists in (DESIGN.md §7.4). */
export const targetListRoutes = new Hono<AppEnv>()
  .post('/', doc({
    summary: 'Head office: an upload slot (presigned PUT) for a CSV or XLSX target list of at most 50 MB',
    body: TargetListRequest, bodyName: 'TargetListRequest', ok: [201, '{ importId, upload }'], errors: [401, 403, 413, 415, 422],
  }), async (c) => {
    const req = await parseJson(c, TargetListRequest);
    return c.json(await requestTargetListUpload(c.get('deps'), principal(c), req), 201);
  })
  .get('/', doc({ summary: 'Head office: every import, newest first', ok: [200, 'Array of imports'], errors: [401, 403] }), async (c) =>
    c.json(await listTargetListImports(c.get('deps'), principal(c))))
  .get('/funnel', doc({ summary: 'Head office: imported → screened → leads → invited → applied → approved', ok: [200, 'Counts'], errors: [401, 403] }), async (c) =>
    c.json(await leadFunnel(c.get('deps'), principal(c))))
  .post('/:importId/start', doc({
    summary: 'Head office: checks the uploaded file (size, CSV/XLSX by content, columns) and starts the import',
    ok: [202, 'The import'], errors: [401, 403, 404, 409, 413, 415, 422],
  }), async (c) => c.json(await startTargetListImport(c.get('deps'), principal(c), c.req.param('importId')), 202))
  .get('/:importId', doc({ summary: 'Head office: status, progress and summary of an import', ok: [200, '{ status, progress, summary }'], errors: [401, 403, 404] }), async (c) =>
    c.json(await getTargetListImport(c.get('deps'), principal(c), c.req.param('importId'))));
