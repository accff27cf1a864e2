/**
 * Imported by every page that parses with the shared zod schemas, before it parses: zod's compiled fast
 * path probes `new Function`, which the CSP forbids (and reports as a violation even when caught).
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
