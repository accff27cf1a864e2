/** The head-office function: the bank's rules with four eyes, the negative list, target lists (api-functions.ts). */
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { apiRoot, authenticator, frame } from './frame.js';
import { adminApi } from './parts/admin.js';

const wired = wire(loadConfig());
export const handler = handle(frame(apiRoot(wired.deps).use('*', authenticator(wired.deps)).route('/', adminApi), { deps: wired.deps }));
