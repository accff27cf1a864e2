/** Reads for the applicant pages, cached per key by the router and revalidated after every action. */
import { query } from '@solidjs/router';
import { api } from '../lib/api.js';

export const getApplications = query(() => api.listApplications(), 'applications');
export const getApplication = query((id: string) => api.getApplication(id), 'application');
export const getProducts = query(() => api.products(), 'products');
