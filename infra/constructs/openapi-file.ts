/**
 * The OpenAPI document the API function ships beside its bundle. It describes the routes of all three API
 * functions, which no single bundle carries, so it is written here at synth from the whole app (the same document
 * `GET /api/openapi.json` answers on the local stack, for a deployed stage: no /api/dev routes).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../functions/api/app.js';
import { openApiDocument } from '../../functions/api/openapi.js';
import type { Deps } from '../../functions/core/ports.js';

/** The document for a deployed stage; the app is built without adapters, as only its route table is read. */
export function deployedOpenApiDocument(stage: string) {
  if (stage === 'local') throw new Error('The local stage is not deployed.');
  const app = createApp({ deps: { stage } as unknown as Deps, ping: async () => {} });
  return openApiDocument(app.routes);
}

const written = new Map<string, string>();

/** A file holding the stage's document, written once per synth. */
export function openApiDocumentFile(stage: string): string {
  let file = written.get(stage);
  if (!file) {
    file = join(mkdtempSync(join(tmpdir(), 'kedai-openapi-')), 'openapi.json');
    writeFileSync(file, JSON.stringify(deployedOpenApiDocument(stage)));
    written.set(stage, file);
  }
  return file;
}
