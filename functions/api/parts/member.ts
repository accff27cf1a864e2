/** The API function's signed-in routes: the account, enterprises, loans (the borrower's and staff's), leads, invitations. */
import { Hono } from 'hono';
import type { Deps } from '../../core/ports.js';
import { apiRoot, authenticator, frame } from '../frame.js';
import { publicApi } from './public.js';
import type { AppEnv } from '../http.js';
import { meRoutes } from '../routes/auth.js';
import { enterpriseRoutes } from '../routes/enterprises.js';
import { invitationRoutes, leadRoutes } from '../routes/leads.js';
import { loanRoutes, staffLoanRoutes } from '../routes/loans.js';
import { productRoutes, serviceAreaRoutes } from '../routes/products.js';

export const memberApi = new Hono<AppEnv>()
  .route('/me', meRoutes)
  .route('/enterprises', enterpriseRoutes)
  .route('/loans', loanRoutes)
  .route('/staff', staffLoanRoutes)
  .route('/staff/leads', leadRoutes)
  .route('/invitations', invitationRoutes)
  .route('/products', productRoutes)
  .route('/service-area', serviceAreaRoutes);

/** The API function's whole app: the public routes (with the shipped OpenAPI document) and the member routes. */
export const memberApp = (deps: Deps, ping: () => Promise<void>, document: () => unknown) =>
  frame(apiRoot(deps).route('/', publicApi(ping, document)).use('*', authenticator(deps)).route('/', memberApi), { deps });
