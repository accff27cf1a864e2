import { Hono } from 'hono';
import { DomainError } from '../../../shared/errors.js';
import { advanceClockSchema, injectSignalSchema, setBalanceSchema } from '../../../shared/schemas/loans.js';
import { advanceClock } from '../../core/use-cases/dev-clock.js';
import { parseJson, type AppEnv } from '../http.js';
import { doc } from '../openapi.js';

/** Local stack only (app.ts mounts it there): the clock, the core-banking simulator's balances, external signals. */
export const devLoanRoutes = new Hono<AppEnv>()
  .get('/clock', doc({ summary: "Local stack only: the stack's clock", public: true, ok: [200, '{ now }'] }), (c) => c.json({ now: c.get('deps').clock.now().toISOString() }))
  .post('/clock', doc({ summary: 'Local stack only: move the clock forward and run what would have run (debits, DPD, reclassification, reminders, monitoring)', public: true, body: advanceClockSchema, bodyName: 'AdvanceClock', ok: [200, '{ now, days, debits, reclassified, warnings }'], errors: [409, 415, 422] }), async (c) => {
    const { advanceDays } = await parseJson(c, advanceClockSchema);
    return c.json(await advanceClock(c.get('deps'), advanceDays));
  })
  .post('/core-banking/balance', doc({ summary: "Local stack only: set a repayment account's balance", public: true, body: setBalanceSchema, bodyName: 'SetBalance', ok: [200, '{ creditCode, balance }'], errors: [409, 415, 422] }), async (c) => {
    const { creditCode, balance } = await parseJson(c, setBalanceSchema);
    const bank = c.get('deps').coreBanking;
    if (!bank.setAccountBalance) throw new DomainError('not-simulated', 'This core-banking adapter is not the local simulator.', 409);
    await bank.setAccountBalance(creditCode, balance);
    return c.json({ creditCode, balance: await bank.accountBalance(creditCode) });
  })
  .post('/signals', doc({ summary: 'Local stack only: record an external signal (court case, dishonest-debtor entry, registry change, tax arrears)', public: true, body: injectSignalSchema, bodyName: 'InjectSignal', ok: [201, 'The signal'], errors: [409, 415, 422] }), async (c) => {
    const input = await parseJson(c, injectSignalSchema);
    const signals = c.get('deps').externalSignals;
    if (!signals.inject) throw new DomainError('not-simulated', 'This stack reads signals from a data provider.', 409);
    const signal = { ...input, at: c.get('deps').clock.now().toISOString() };
    await signals.inject(signal);
    return c.json(signal, 201);
  });
