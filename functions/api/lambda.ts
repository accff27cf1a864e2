/** API Gateway (HTTP API, payload v2) entry: the same Hono app as the local stack, wired to AWS. */
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { createApp } from './app.js';

// No PDF code here: the workflows draw contracts and store them, the API streams the stored bytes.
const wired = wire(loadConfig());
export const handler = handle(createApp({ deps: wired.deps, ping: wired.ping }));
