/**
 * Every page but sign-in is lazy: the first load carries only the shell, staff pages and charts come when opened.
 * Sign-in (under 1 KiB gzip) comes with the shell, so the first page most people see needs no second round trip.
 */
import type { RouteDefinition } from '@solidjs/router';
import { lazy } from 'solid-js';
import { RequireSession, RequireStaff } from './components/guards.js';
import Front from './pages/front.js';
import SignIn from './pages/sign-in.js';
import { getApplication, getApplications } from './pages/applications.data.js';
import { getEnterprises } from './pages/enterprises.data.js';
import { getDashboard, getMyWork, getQueue } from './pages/staff/staff.data.js';
import { getAdminConfig, getNegativeList, getProposals } from './pages/staff/admin.data.js';
import { getLoans, getPortfolio } from './pages/loans.data.js';

const accounts = () => import('./pages/accounts.js');

export const routes: RouteDefinition[] = [
  // The front page and sign-in come with the shell (and are prerendered into the built HTML); the rest is lazy.
  { path: '/', component: Front },
  { path: '/sign-in', component: SignIn },
  { path: '/sign-up', component: lazy(() => accounts().then((m) => ({ default: m.SignUp }))) },
  { path: '/sign-up/confirm', component: lazy(() => accounts().then((m) => ({ default: m.ConfirmSignUp }))) },
  { path: '/forgot-password', component: lazy(() => accounts().then((m) => ({ default: m.ForgotPassword }))) },
  { path: '/reset-password', component: lazy(() => accounts().then((m) => ({ default: m.ResetPassword }))) },
  {
    path: '/',
    component: RequireSession,
    children: [
      { path: '/applications', component: lazy(() => import('./pages/applications.js')), preload: () => getApplications() },
      { path: '/applications/new', component: lazy(() => import('./pages/apply.js')), preload: () => getEnterprises() },
      // The invitation's link (functions/core/use-cases/leads.ts): the same form, pre-filled from the invitation.
      { path: '/apply', component: lazy(() => import('./pages/apply.js')), preload: () => getEnterprises() },
      { path: '/enterprises', component: lazy(() => import('./pages/enterprises.js')), preload: () => getEnterprises() },
      { path: '/loans', component: lazy(() => import('./pages/loans.js')), preload: () => getLoans() },
      {
        path: '/applications/:id/documents',
        component: lazy(() => import('./pages/documents.js')),
        preload: ({ params }) => getApplication(params.id!),
      },
      {
        // pdf.js comes with this page only (a dynamic import inside it), never with the first load.
        path: '/applications/:id/contract',
        component: lazy(() => import('./pages/contract.js')),
        preload: ({ params }) => getApplication(params.id!),
      },
      {
        path: '/applications/:id',
        component: lazy(() => import('./pages/application.js')),
        preload: ({ params }) => getApplication(params.id!),
      },
      // Leads are for product managers too (not among the queue's staff roles): the API decides who sees what.
      { path: '/leads', component: lazy(() => import('./pages/staff/leads.js')) },
      { path: '/target-lists', component: lazy(() => import('./pages/staff/target-lists.js')) },
      {
        path: '/staff',
        component: RequireStaff,
        children: [
          { path: '/', component: lazy(() => import('./pages/staff/queue.js')), preload: () => getQueue({}) },
          { path: '/my-work', component: lazy(() => import('./pages/staff/my-work.js')), preload: () => getMyWork() },
          { path: '/dashboard', component: lazy(() => import('./pages/staff/dashboard.js')), preload: () => getDashboard() },
          // Head office's rules (the API answers 403 to anyone else).
          { path: '/rules', component: lazy(() => import('./pages/staff/rules.js')), preload: () => getAdminConfig() },
          { path: '/proposals', component: lazy(() => import('./pages/staff/proposals.js')), preload: () => getProposals() },
          { path: '/negative-list', component: lazy(() => import('./pages/staff/negative-list.js')), preload: () => getNegativeList() },
          { path: '/replay', component: lazy(() => import('./pages/staff/replay.js')) },
          { path: '/portfolio', component: lazy(() => import('./pages/staff/portfolio.js')), preload: () => getPortfolio() },
          {
            path: '/applications/:id',
            component: lazy(() => import('./pages/staff/review.js')),
            preload: ({ params }) => getApplication(params.id!),
          },
        ],
      },
    ],
  },
  { path: '*404', component: lazy(() => import('./pages/not-found.js')) },
];
