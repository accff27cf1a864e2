/** Reads for head office's rules pages. */
import { query } from '@solidjs/router';
import { api } from '../../lib/api.js';

export const getAdminConfig = query(() => api.adminConfig(), 'admin-config');
export const getProposals = query(() => api.proposals(), 'admin-proposals');
export const getNegativeList = query((creditCode?: string) => api.negativeList(creditCode), 'admin-negative-list');
