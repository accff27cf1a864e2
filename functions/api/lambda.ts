/** API Gateway (HTTP API, payload v2) entry: the same Hono app as the local stack, wired to AWS. */
import { handle } from 'hono/aws-lambda';
import { useContractFontAt } from '../adapters/pdf/contract-font.js';
import { prepareContractPdf } from '../adapters/pdf/contract-pdf.js';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { createApp } from './app.js';

const config = loadConfig();
useContractFontAt(config.CONTRACT_FONT_PATH);
// Init-phase work: the first contract a borrower opens should not pay for the font and wasm set-up.
// A broken font must not take the whole function down: the contract request then fails with its own error.
await prepareContractPdf().catch((err) => console.error('contract PDF warm-up failed', err));
const wired = wire(config);
export const handler = handle(createApp({ deps: wired.deps, ping: wired.ping }));
