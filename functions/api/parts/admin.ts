/** The head-office function's routes (DESIGN.md §7.3, §7.4): the bank's rules, the negative list, target lists. */
import { Hono } from 'hono';
import type { Deps } from '../../core/ports.js';
import { apiRoot, authenticator, frame } from '../frame.js';
import type { AppEnv } from '../http.js';
import { adminRoutes } from '../routes/admin.js';
import { targetListRoutes } from '../routes/target-lists.js';

export const adminApi = new Hono<AppEnv>()
  .route('/admin', adminRoutes)
  .route('/admin/target-lists', targetListRoutes);

/** The admin function's whole app (its Lambda entry wires it; tests build it to check what API Gateway sends it). */
export const adminApp = (deps: Deps) => frame(apiRoot(deps).use('*', authenticator(deps)).route('/', adminApi), { deps });
