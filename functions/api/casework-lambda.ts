/** The casework function: applications, documents, review and contracts, and the staff queue (api-functions.ts). */
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { apiRoot, authenticator, frame } from './frame.js';
import { caseworkApi } from './parts/casework.js';

const wired = wire(loadConfig());
export const handler = handle(frame(apiRoot(wired.deps).use('*', authenticator(wired.deps)).route('/', caseworkApi), { deps: wired.deps }));
