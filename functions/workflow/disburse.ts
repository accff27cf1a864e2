/** Contract workflow: pays out through the core-banking port; a retry never pays twice. */
import { transition } from '../core/transition.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { loadSigned, written } from './load.js';

export const task = defineTask({
  name: 'Disburse',
  async run(deps, input: { applicationId: string }): Promise<{ transactionId?: string; replayed: boolean }> {
    const app = await loadSigned(deps, input.applicationId);
    if (app.status === 'active') return { transactionId: app.contract.disbursement?.transactionId, replayed: true };
    if (!app.contract.sealedKey) throw new PermanentError('A contract is disbursed only after it is sealed.');
    const payment = await deps.coreBanking.disburse({ applicationId: app.id, amount: app.loan.amount, account: `${app.enterprise.creditCode} basic account` });
    written(await transition(deps, app, 'core-banking', {
      status: 'active',
      patch: { contract: { ...app.contract, disbursement: { transactionId: payment.transactionId, at: payment.at, amount: payment.amount } } },
    }, [{ type: 'disbursed', actor: 'core-banking', detail: { transactionId: payment.transactionId, amount: payment.amount } }], { inflight: 'clear' }));
    await deps.notifier.send(app.ownerUsername ?? app.ownerId, {
      kind: 'disbursed', subject: '贷款已发放 / Loan disbursed',
      body: `合同 ${app.contract.contractNo} 项下贷款已发放至贵司账户。The loan under contract ${app.contract.contractNo} has been paid to your account.`,
    });
    return { transactionId: payment.transactionId, replayed: payment.replayed };
  },
});

export const handler = lambdaHandler(task);
