/** Every mounted route is in /api/openapi.json, described from the schemas it parses with. No emulators needed. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../functions/api/app.js';
import { mountedOperations, openApiDocument } from '../../functions/api/openapi.js';
import type { Deps } from '../../functions/core/ports.js';

const build = (stage: string) => createApp({ deps: { stage } as unknown as Deps, ping: async () => {} });

/** Operations the app answers that the document does not describe. */
function undocumented(app: Hono, doc: { paths: Record<string, Record<string, unknown>> }) {
  return mountedOperations(app.routes).filter(({ method, path }) => !doc.paths[path]?.[method]).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
}

describe('the OpenAPI document', () => {
  for (const stage of ['local', 'prod']) {
    it(`lists every route mounted on the ${stage} app, and nothing that is not`, async () => {
      const app = build(stage);
      const res = await app.request('/api/openapi.json');
      expect(res.status).toBe(200);
      const doc = await res.json();
      const ops = mountedOperations(app.routes);
      expect(ops.length).toBeGreaterThan(20);
      expect(undocumented(app, doc)).toEqual([]);
      const described = Object.entries(doc.paths as Record<string, object>).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
      expect(described.sort()).toEqual(ops.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort());
      expect(ops.some((o) => o.path === '/api/dev/outbox')).toBe(stage === 'local');
    });
  }

  it('is OpenAPI 3.1 with bodies from the shared schemas and the error shape', async () => {
    const doc = await (await build('local').request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    const create = doc.paths['/api/applications'].post;
    expect(create.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/CreateApplication');
    expect(doc.components.schemas.CreateApplication.additionalProperties).toBe(false);
    expect(create.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/health'].get.security).toBeUndefined();
    expect(doc.components.securitySchemes.bearer.scheme).toBe('bearer');
    expect(doc.components.schemas.Error.required).toEqual(['error']);
    const sign = doc.paths['/api/applications/{id}/documents/{documentId}/complete'].post;
    expect(sign.parameters.filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name)).toEqual(['id', 'documentId']);
    expect(Object.keys(doc.paths['/api/applications/{id}/contract'].get.responses['200'].content)).toEqual(['application/pdf']);
    expect(doc.paths['/api/staff/queue'].get.parameters.map((p: { name: string }) => p.name)).toContain('status');
  });

  it('catches a route mounted without a description', () => {
    const app = build('local');
    const withExtra = new Hono().route('/', app).get('/api/extra/:thing', (c) => c.json({}));
    const doc = openApiDocument(withExtra.routes) as unknown as { paths: Record<string, Record<string, unknown>> };
    expect(undocumented(withExtra, doc)).toEqual(['GET /api/extra/{thing}']);
  });
});
