/** The head-office function: the bank's rules with four eyes, the negative list, target lists (api-functions.ts). */
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { adminApp } from './parts/admin.js';

export const handler = handle(adminApp(wire(loadConfig()).deps));
