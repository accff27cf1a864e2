/** Reads for the borrower's loan page and the staff portfolio, cached per key by the router. */
import { query } from '@solidjs/router';
import { api } from '../lib/api.js';

export const getLoans = query(() => api.listLoans(), 'loans');
export const getLoan = query((id: string) => api.getLoan(id), 'loan');
export const getPortfolio = query(() => api.portfolio(), 'staff-portfolio');
export const getStaffLoans = query(() => api.staffLoans({}), 'staff-loans');
