/** Statement workflow: draws the loan's statement at its current version and stores it for the API to stream. */
import { beijingDate } from '../../shared/day-count.js';
import { statementKey } from '../core/use-cases/loans.js';
import { warmPdf } from './contract-document.js';
import { defineTask, PermanentError } from './define-task.js';
import { lambdaHandler } from './lambda-handler.js';
import { renderStatementPdf } from '../adapters/pdf/statement-pdf.js';

export const task = defineTask({
  name: 'RenderStatement',
  warm: warmPdf,
  async run(deps, input: { applicationId: string }): Promise<{ key: string }> {
    const loan = await deps.loans.get(input.applicationId);
    if (!loan) throw new PermanentError(`No loan ${input.applicationId}.`);
    const key = statementKey(loan);
    await deps.contracts.write(key, await renderStatementPdf(loan, beijingDate(deps.clock.now())), 'application/pdf');
    return { key };
  },
});

export const handler = lambdaHandler(task);
