/** The casework function: applications, documents, review and contracts, and the staff queue (api-functions.ts). */
import { handle } from 'hono/aws-lambda';
import { loadConfig } from '../config.js';
import { wire } from '../wiring.js';
import { caseworkApp } from './parts/casework.js';

export const handler = handle(caseworkApp(wire(loadConfig()).deps));
