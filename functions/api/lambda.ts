/** API Gateway (HTTP API, payload v2) entry: the same Hono app as the local stack, wired to AWS. */
import { handle } from 'hono/aws-lambda';
import { useContractFontAt } from '../adapters/pdf/contract-font.js';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { createApp } from './app.js';

const config = loadConfig();
useContractFontAt(config.CONTRACT_FONT_PATH);
const wired = wire(config);
export const handler = handle(createApp({ deps: wired.deps, ping: wired.ping }));
