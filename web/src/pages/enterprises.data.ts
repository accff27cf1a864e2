/** Reads for the enterprise pages, cached by the router and revalidated after every action. */
import { query } from '@solidjs/router';
import { api } from '../lib/api.js';

export const getEnterprises = query(() => api.listEnterprises(), 'enterprises');
export const getEnterpriseProfile = query((creditCode: string) => api.enterpriseProfile(creditCode), 'enterprise-profile');
