import { Hono } from 'hono';
import * as z from 'zod';
import { LeadContactRequest } from '../../../shared/schemas/target-list.js';
import { invitationFor, inviteLead, listLeads, logContact } from '../../core/use-cases/leads.js';
import { parseJson, parseWith, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const leadQuery = z.object({ class: z.enum(['A', 'B', 'C'], { error: 'class is A, B or C.' }).optional() }).strict();

/** Account and product managers: the caller's leads (head office: all), DESIGN.md §7.4. */
export const leadRoutes = new Hono<AppEnv>()
  .get('/', doc({ summary: "The caller's leads: creditCode, name, class, labels, assignee, status", query: leadQuery, ok: [200, 'Array of leads'], errors: [401, 403, 422] }), async (c) =>
    c.json(await listLeads(c.get('deps'), principal(c), parseWith(leadQuery, c.req.query()))))
  .post('/:creditCode/contacts', doc({ summary: 'Log a contact with the enterprise', body: LeadContactRequest, bodyName: 'LeadContact', ok: [200, 'The lead'], errors: [401, 403, 404, 409, 415, 422] }), async (c) => {
    const body = await parseJson(c, LeadContactRequest);
    return c.json(await logContact(c.get('deps'), principal(c), c.req.param('creditCode'), body));
  })
  .post('/:creditCode/invite', doc({ summary: 'Invite the enterprise to apply (notifier); the invitation pre-fills its application', ok: [202, '{ creditCode, status, invitation, prefill }'], errors: [401, 403, 404, 409] }), async (c) =>
    c.json(await inviteLead(c.get('deps'), principal(c), c.req.param('creditCode')), 202));

/** The invited enterprise reads what its application is pre-filled with. */
export const invitationRoutes = new Hono<AppEnv>()
  .get('/:creditCode', doc({ summary: "Applicant: an invitation's pre-filled application facts", ok: [200, '{ creditCode, invitedAt, prefill }'], errors: [401, 403, 404] }), async (c) =>
    c.json(await invitationFor(c.get('deps'), principal(c), c.req.param('creditCode'))));
