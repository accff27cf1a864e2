/** The API function's signed-in routes: the account, enterprises, loans (the borrower's and staff's), leads, invitations. */
import { Hono } from 'hono';
import type { AppEnv } from '../http.js';
import { meRoutes } from '../routes/auth.js';
import { enterpriseRoutes } from '../routes/enterprises.js';
import { invitationRoutes, leadRoutes } from '../routes/leads.js';
import { loanRoutes, staffLoanRoutes } from '../routes/loans.js';

export const memberApi = new Hono<AppEnv>()
  .route('/me', meRoutes)
  .route('/enterprises', enterpriseRoutes)
  .route('/loans', loanRoutes)
  .route('/staff', staffLoanRoutes)
  .route('/staff/leads', leadRoutes)
  .route('/invitations', invitationRoutes);
