import { Hono } from 'hono';
import { claimEnterpriseSchema, confirmDepositSchema, memberSchema } from '../../../shared/schemas/enterprise.js';
import {
  confirmDeposit, getProfile, inviteMember, listEnterprises, startVerification,
} from '../../core/use-cases/enterprises.js';
import { parseJson, principal, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

/** Enterprise verification (KYB) and who acts for which enterprise, DESIGN.md §7.1. */
export const enterpriseRoutes = new Hono<AppEnv>()
  .post('/', doc({
    summary: 'Start verifying an enterprise: registry check, legal representative, then a micro-deposit to its basic account',
    body: claimEnterpriseSchema, bodyName: 'ClaimEnterprise', ok: [201, '{ creditCode, name, status: "deposit-sent", deposit: { expiresAt } }'], errors: [401, 403, 404, 409, 415, 422, 429],
  }), async (c) => {
    const { replayed, ...result } = await startVerification(c.get('deps'), principal(c), await parseJson(c, claimEnterpriseSchema));
    return c.json(result, replayed ? 200 : 201);
  })
  .get('/', doc({ summary: "The caller's enterprises: owned, member of, or with a deposit pending", ok: [200, '[{ creditCode, name, role, status }]'], errors: [401] }), async (c) =>
    c.json(await listEnterprises(c.get('deps'), principal(c))))
  .post('/:creditCode/confirm-deposit', doc({
    summary: 'Type back the micro-deposit amount and memo (3 tries, 48 hours)', body: confirmDepositSchema, bodyName: 'ConfirmDeposit',
    ok: [200, '{ status: "verified" }'], errors: [401, 403, 409, 415, 422],
  }), async (c) => c.json(await confirmDeposit(c.get('deps'), principal(c), c.req.param('creditCode'), await parseJson(c, confirmDepositSchema))))
  .get('/:creditCode/profile', doc({ summary: 'What the bank already knows, to pre-fill the application (verified accounts only)', ok: [200, 'The profile'], errors: [401, 403, 404, 422] }), async (c) =>
    c.json(await getProfile(c.get('deps'), principal(c), c.req.param('creditCode'))))
  .post('/:creditCode/members', doc({ summary: 'Owner: let another account act for the enterprise', body: memberSchema, bodyName: 'EnterpriseMember', ok: [201, '{ creditCode, username, role: "member" }'], errors: [401, 403, 409, 415, 422] }), async (c) =>
    c.json(await inviteMember(c.get('deps'), principal(c), c.req.param('creditCode'), await parseJson(c, memberSchema)), 201));
