/**
 * Contract workflow: pays out through the core-banking port (a retry never pays twice) into the borrower's basic
 * account, gives the loan its account manager (automatic approvals have none yet: the least-loaded at the routed
 * branch) and opens the loan record from the signed contract (DESIGN.md §7.2).
 */
import { transition } from '../core/transition.js';
import { accountManagerFor, openLoan } from '../core/use-cases/loans.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { loadSigned, written } from './load.js';

export const task = defineTask({
  name: 'Disburse',
  async run(deps, input: { applicationId: string }): Promise<{ transactionId?: string; replayed: boolean }> {
    const app = await loadSigned(deps, input.applicationId);
    if (app.status === 'active') {
      // A run cut off after the payout but before the loan was opened finishes the job.
      if (!(await deps.loans.get(app.id)) && app.contract.disbursement) await openLoan(deps, app, app.assignee ?? '');
      return { transactionId: app.contract.disbursement?.transactionId, replayed: true };
    }
    if (!app.contract.sealedKey) throw new PermanentError('A contract is disbursed only after it is sealed.');
    const manager = await accountManagerFor(deps, app);
    const payment = await deps.coreBanking.disburse({
      applicationId: app.id, amount: app.loan.amount, account: `${app.enterprise.creditCode} basic account`, creditCode: app.enterprise.creditCode,
    });
    const next = written(await transition(deps, app, 'core-banking', {
      status: 'active',
      patch: {
        contract: { ...app.contract, disbursement: { transactionId: payment.transactionId, at: payment.at, amount: payment.amount } },
        ...(manager ? { assignee: manager } : {}),
      },
    }, [
      { type: 'disbursed', actor: 'core-banking', detail: { transactionId: payment.transactionId, amount: payment.amount } },
      ...(manager && manager !== app.assignee ? [{ type: 'account-manager-assigned', actor: 'core-banking', detail: { assignee: manager } }] : []),
    ], { inflight: 'clear' }));
    if (manager && !app.assignee) {
      await deps.staff.setEnterpriseManager(app.enterprise.creditCode, manager);
    }
    await openLoan(deps, next as typeof app, manager ?? '');
    // The borrower's "loan disbursed" notice is transition()'s (signed → active), as for every status change.
    return { transactionId: payment.transactionId, replayed: payment.replayed };
  },
});

export const handler = lambdaHandler(task);
