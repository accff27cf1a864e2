/** The casework function's routes: applications, their documents, review and contract, and the staff queue and dashboard. */
import { Hono } from 'hono';
import type { Deps } from '../../core/ports.js';
import { apiRoot, authenticator, frame } from '../frame.js';
import type { AppEnv } from '../http.js';
import { applicationRoutes } from '../routes/applications.js';
import { contractRoutes } from '../routes/contract.js';
import { staffRoutes } from '../routes/staff.js';

export const caseworkApi = new Hono<AppEnv>()
  .route('/applications', applicationRoutes)
  .route('/applications', contractRoutes)
  .route('/staff', staffRoutes);

/** The casework function's whole app (its Lambda entry wires it; tests build it to check what API Gateway sends it). */
export const caseworkApp = (deps: Deps) => frame(apiRoot(deps).use('*', authenticator(deps)).route('/', caseworkApi), { deps });
