/** Reads for the staff console. */
import { query } from '@solidjs/router';
import { api, type QueueFilter } from '../../lib/api.js';

export const getQueue = query((filter: QueueFilter) => api.queue(filter), 'staff-queue');
export const getDashboard = query(() => api.dashboard(), 'staff-dashboard');
export const getMyWork = query(() => api.myWork(), 'staff-my-work');
