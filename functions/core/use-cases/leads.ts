/**
 * The lead workbench (DESIGN.md §7.4): an account or product manager's leads by class, the contact log, the
 * invitation to apply (through the notifier; it pre-fills the enterprise's application), and where each lead
 * stands on its way to an application; head office sees every lead and the funnel.
 */
import { DomainError, forbidden, notFound } from '../../../shared/errors.js';
import { invitationPrefill, type Lead, type LeadContact, type LeadStatus } from '../../../shared/target-list.js';
import type { ApplicationRecord } from '../../../shared/types.js';
import type { Deps, Principal } from '../ports.js';

const LEAD_ROLES = ['account-manager', 'product-manager', 'head-office'];
export function requireLeadRole(p: Principal) {
  if (!p.groups.some((g) => LEAD_ROLES.includes(g))) throw forbidden('Leads are for account managers, product managers and head office.');
}

const APPROVED: ApplicationRecord['status'][] = ['approved', 'signed', 'active'];

/** Leads of finished imports only: a running or failed import's are not shown (nothing half-imported). */
async function visible(deps: Deps, leads: Lead[]) {
  const status = new Map<string, boolean>();
  const out: Lead[] = [];
  for (const lead of leads) {
    if (!status.has(lead.importId)) status.set(lead.importId, (await deps.leads.getImport(lead.importId))?.status === 'done');
    if (status.get(lead.importId)) out.push(lead);
  }
  return out;
}

/** Applied / approved from the enterprise's application at the lead's branch (the same nearest-branch routing). */
async function withApplicationStatus(deps: Deps, leads: Lead[]) {
  const byBranch = new Map<string, Map<string, ApplicationRecord['status']>>();
  for (const branch of new Set(leads.map((l) => l.branch))) {
    const apps = await deps.applications.queue(branch);
    const m = new Map<string, ApplicationRecord['status']>();
    for (const a of apps) if (!m.has(a.enterprise.creditCode) || (APPROVED as string[]).includes(a.status)) m.set(a.enterprise.creditCode, a.status);
    byBranch.set(branch, m);
  }
  return leads.map((l) => {
    const app = byBranch.get(l.branch)?.get(l.creditCode);
    const status: LeadStatus = app ? ((APPROVED as string[]).includes(app) ? 'approved' : 'applied') : l.status;
    return { ...l, status };
  });
}

export function presentLead(l: Lead) {
  return {
    creditCode: l.creditCode, name: l.name, class: l.class, labels: l.labels, assignee: l.assignee, status: l.status,
    assigneeRole: l.assigneeRole, existingCustomer: l.existingCustomer, branch: l.branch, industry: l.industry,
    divisionCode: l.divisionCode, compositeScore: l.compositeScore, contacts: l.contacts,
    ...(l.invitation ? { invitation: l.invitation } : {}),
  };
}

export async function listLeads(deps: Deps, p: Principal, filter: { class?: 'A' | 'B' | 'C' } = {}) {
  requireLeadRole(p);
  const all = p.groups.includes('head-office') ? await deps.leads.listLeads({}) : await deps.leads.listLeads({ assignee: p.username });
  const leads = await withApplicationStatus(deps, await visible(deps, all));
  return leads.filter((l) => !filter.class || l.class === filter.class).map(presentLead);
}

async function ownLead(deps: Deps, p: Principal, creditCode: string) {
  requireLeadRole(p);
  const lead = /^[0-9A-Z]{18}$/.test(creditCode) ? await deps.leads.getLead(creditCode) : null;
  if (!lead || !(await visible(deps, [lead])).length) throw notFound('lead');
  if (lead.assignee !== p.username && !p.groups.includes('head-office')) throw notFound('lead');
  return lead;
}

/** Writes a change to a lead, re-reading once if another write got there first. */
async function change(deps: Deps, p: Principal, creditCode: string, f: (l: Lead) => Lead) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const lead = await ownLead(deps, p, creditCode);
    const next = { ...f(lead), updatedAt: deps.clock.now().toISOString() };
    if (next.updatedAt === lead.updatedAt) next.updatedAt = new Date(Date.parse(lead.updatedAt) + 1).toISOString();
    if (await deps.leads.updateLead(next, lead.updatedAt)) return next;
  }
  throw new DomainError('concurrent-change', 'Someone else changed this lead at the same moment; reload and try again.', 409);
}

export async function logContact(deps: Deps, p: Principal, creditCode: string, input: Pick<LeadContact, 'note' | 'outcome'>) {
  const lead = await change(deps, p, creditCode, (l) => ({
    ...l,
    contacts: [...l.contacts, { at: deps.clock.now().toISOString(), by: p.username, ...input }].slice(-200),
    status: input.outcome === 'declined' ? 'declined' : l.status === 'new' ? 'contacted' : l.status,
  }));
  return presentLead(lead);
}

/** The enterprise's address for the invitation: the list's contact, else its credit code (the notifier's key for an enterprise). */
/** The enterprise's verified owner account when it has one (it can act on the invitation), else the list's contact. */
async function recipientOf(deps: Deps, l: Lead): Promise<string> {
  return (await deps.enterprises.owner(l.creditCode))?.username ?? l.contact ?? l.creditCode;
}

export async function inviteLead(deps: Deps, p: Principal, creditCode: string) {
  const at = deps.clock.now().toISOString();
  const to = await recipientOf(deps, await ownLead(deps, p, creditCode));
  let first = false;
  const lead = await change(deps, p, creditCode, (l) => {
    first = !l.invitation;
    return { ...l, status: l.status === 'applied' || l.status === 'approved' ? l.status : 'invited', invitation: l.invitation ?? { at, by: p.username, to } };
  });
  // Once per lead: a second click does not send a second message.
  if (first) {
    await deps.notifier.send(lead.invitation!.to, {
      kind: 'lead-invitation',
      subject: `邀请申请科技贷款 / Invitation to apply: ${lead.name}`,
      body: `${lead.name}（${lead.creditCode}）：本行诚邀贵企业在线申请科技贷款，申请表已按名单信息预填。`
        + ` / ${lead.name} (${lead.creditCode}) is invited to apply online for a technology loan; the application is pre-filled from the list.`
        + ` /apply?invitation=${lead.creditCode}`,
    });
  }
  return { creditCode: lead.creditCode, status: lead.status, invitation: lead.invitation, prefill: invitationPrefill(lead) };
}

/** What an invitation pre-fills: the list's public facts, for the applicant's application form. */
export async function invitationFor(deps: Deps, p: Principal, creditCode: string) {
  if (!p.groups.includes('applicant')) throw forbidden('Invitations are read by the invited enterprise.');
  const lead = /^[0-9A-Z]{18}$/.test(creditCode) ? await deps.leads.getLead(creditCode) : null;
  if (!lead?.invitation) throw notFound('invitation');
  return { creditCode, invitedAt: lead.invitation.at, prefill: invitationPrefill(lead) };
}

/** Head office: imported → screened → leads → invited → applied → approved, over every finished import. */
export async function leadFunnel(deps: Deps, p: Principal) {
  if (!p.groups.includes('head-office')) throw forbidden('The funnel is for head office.', { why: 'head-office-only' });
  const imports = (await deps.leads.listImports()).filter((i) => i.status === 'done' && !i.duplicateOf);
  const imported = imports.reduce((n, i) => n + i.summary.total, 0);
  const screened = imports.reduce((n, i) => n + i.summary.total - i.summary.badRowCount - i.summary.duplicates - i.summary.screenedOut, 0);
  const leads = await withApplicationStatus(deps, await visible(deps, await deps.leads.listLeads({})));
  return {
    imported, screened, leads: leads.length,
    invited: leads.filter((l) => l.invitation || l.status === 'applied' || l.status === 'approved').length,
    applied: leads.filter((l) => l.status === 'applied' || l.status === 'approved').length,
    approved: leads.filter((l) => l.status === 'approved').length,
  };
}
