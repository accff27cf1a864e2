/**
 * The API function (API Gateway HTTP API, payload v2): the public routes and the member routes of the same Hono
 * app as the local stack, wired to AWS. Casework and head office are their own functions (api-functions.ts).
 */
import { readFileSync } from 'node:fs';
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { OPENAPI_FILE } from './api-functions.js';
import { memberApp } from './parts/member.js';

// No PDF code here: the workflows draw contracts and store them, the API streams the stored bytes.
const wired = wire(loadConfig());
// The document describes every function's routes, so it is written at synth from the whole app (infra/constructs/openapi-file.ts).
let document: unknown;
const shippedDocument = () => (document ??= JSON.parse(readFileSync(new URL(`./${OPENAPI_FILE}`, import.meta.url), 'utf8')));
export const handler = handle(memberApp(wired.deps, wired.ping, shippedDocument));
