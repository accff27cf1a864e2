import { Hono } from 'hono';
import { DEMO_KINDS, type DemoKind } from '../../../shared/enterprise.js';
import { DomainError } from '../../../shared/errors.js';
import type { AppEnv } from '../http.js';
import { doc } from '../openapi.js';

const MAX_LIMIT = 200;

/** Local stack only (app.ts mounts it there): what the notifier would have sent, demo registry firms, the bank's statements. */
export const devRoutes = new Hono<AppEnv>()
  .get('/outbox', doc({ summary: 'Local stack only: messages the notifier would have sent, newest first', public: true, ok: [200, 'Newest first'], errors: [400] }), async (c) => {
    const to = c.req.query('to');
    if (!to) throw new DomainError('validation-failed', 'Give the recipient: /api/dev/outbox?to=<username>.', 400, { to: 'Required.' });
    return c.json(await c.get('deps').notifier.outbox!(to));
  })
  .get('/enterprises', doc({ summary: 'Local stack only: demo registry enterprises by division and kind, optionally only unclaimed ones', public: true, ok: [200, '[{ creditCode, name, division, kind, legalRepresentative }]'], errors: [400] }), async (c) => {
    const deps = c.get('deps');
    const { division, kind, unclaimed, limit: rawLimit } = c.req.query();
    if (division !== undefined && !/^\d{6}$/.test(division)) throw new DomainError('validation-failed', 'division is a six-digit GB/T 2260 code.', 400, { division: 'Six digits.' });
    if (kind !== undefined && !(DEMO_KINDS as readonly string[]).includes(kind)) throw new DomainError('validation-failed', `kind is one of ${DEMO_KINDS.join(', ')}.`, 400, { kind: 'Unknown kind.' });
    const limit = rawLimit === undefined ? 20 : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new DomainError('validation-failed', `limit is 1–${MAX_LIMIT}.`, 400, { limit: `1–${MAX_LIMIT}.` });
    const all = await deps.registry.demoEnterprises!({ division, kind: kind as DemoKind | undefined });
    if (unclaimed !== 'true') return c.json(all.slice(0, limit));
    const out: typeof all = [];
    for (let i = 0; i < all.length && out.length < limit; i += 100) {
      const page = all.slice(i, i + 100);
      const taken = await deps.enterprises.claimed(page.map((e) => e.creditCode));
      out.push(...page.filter((e) => !taken.has(e.creditCode)).slice(0, limit - out.length));
    }
    return c.json(out);
  })
  .get('/bank-statement', doc({ summary: "Local stack only: the core-banking simulator's postings to an enterprise's basic account, newest first", public: true, ok: [200, '[{ at, amount, memo, direction, balance }]'], errors: [400] }), async (c) => {
    const code = c.req.query('creditCode')?.trim().toUpperCase();
    if (!code) throw new DomainError('validation-failed', 'Give the enterprise: /api/dev/bank-statement?creditCode=<code>.', 400, { creditCode: 'Required.' });
    const postings = await c.get('deps').coreBanking.statement(code);
    return c.json(postings.map(({ at, amount, memo, direction, balance }) => ({ at, amount, memo, direction, balance })));
  });
