/**
 * The applicant's status page: where the application stands, its timeline (refreshing by itself while
 * the bank is deciding), the decision with reasons, and the offer with its schedule.
 */
import { A, action, createAsync, revalidate, useAction, useParams, useSubmission } from '@solidjs/router';
import { createEffect, onCleanup, Show } from 'solid-js';
import { PdfDownload } from '../components/contract-status.js';
import { ErrorMessage } from '../components/error-message.js';
import { DecisionPanel, OfferPanel } from '../components/decision.js';
import { StatusBadge } from '../components/status-badge.js';
import { Timeline } from '../components/timeline.js';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { formatDateTime, formatFen } from '../lib/format.js';
import { getApplication, getApplications } from './applications.data.js';

/** Seconds between refreshes: quick while a workflow decides or seals, slower while people review. */
const POLL_MS: Partial<Record<string, number>> = { submitted: 2_000, 'in-review': 15_000, signed: 3_000 };

export default function Application() {
  const params = useParams<{ id: string }>();
  const { t, tx, locale } = useI18n();
  const app = createAsync(() => getApplication(params.id));

  // A draft or a returned application can be withdrawn by its applicant (then final).
  const withdraw = action(async (id: string) => {
    const done = await api.withdraw(id);
    await revalidate([getApplication.keyFor(id), getApplications.key]);
    return done;
  }, 'withdraw-application');
  const runWithdraw = useAction(withdraw);
  const withdrawing = useSubmission(withdraw);
  const onWithdraw = (id: string) => { if (window.confirm(t('application.withdraw.confirm'))) void runWithdraw(id).catch(() => { /* shown below */ }); };

  createEffect(() => {
    const every = POLL_MS[app()?.status ?? ''];
    if (!every) return;
    const timer = setInterval(() => { void revalidate(getApplication.keyFor(params.id)); }, every);
    onCleanup(() => clearInterval(timer));
  });

  return (
    <Show when={app()}>
      {(a) => (
        <article class="panel" data-testid="application" aria-busy={a().status === 'submitted'}>
          <div class="page-head">
            <h1>{a().enterprise.name}</h1>
            <StatusBadge status={a().status} testid="application-status" />
          </div>
          <p class="lead" aria-live="polite">{t((a().status === 'in-review' && a().decision?.tier && a().decision?.tier !== 'auto' ? `application.explain.in-review.${a().decision!.tier}` : `application.explain.${a().status}`) as never)}</p>

          <dl class="facts">
            <div><dt>{t('field.loan.product')}</dt><dd>{tx('product', a().loan.product)}</dd></div>
            <div><dt>{t('field.loan.amount')}</dt><dd>{formatFen(a().loan.amount, locale())}</dd></div>
            <div><dt>{t('field.loan.termMonths')}</dt><dd>{t('common.months', { n: a().loan.termMonths })}</dd></div>
            <div><dt>{t('field.loan.repaymentMethod')}</dt><dd>{tx('repayment', a().loan.repaymentMethod)}</dd></div>
            <div><dt>{t('application.submittedAt')}</dt><dd>{formatDateTime(a().submittedAt, locale())}</dd></div>
            <Show when={a().branch}>
              {(b) => <div><dt>{t('application.branch')}</dt><dd data-testid="branch">{locale() === 'zh-CN' ? b().nameZh : b().name}</dd></div>}
            </Show>
          </dl>

          <Show when={a().status === 'returned'}>
            <div class="alert alert-warn" role="note">
              <p><strong>{t('application.returnNote')}</strong> {a().returnNote}</p>
              <div class="actions">
                <A class="button primary" href={`/applications/new?draft=${a().id}&step=enterprise`} data-testid="correct">{t('application.correct')}</A>
                <A class="button" href={`/applications/${a().id}/documents`}>{t('application.fixAndResubmit')}</A>
              </div>
            </div>
          </Show>
          <Show when={a().status === 'draft'}>
            <div class="actions">
              <A class="button primary" href={`/applications/${a().id}/documents`} data-testid="continue">{t('application.continue')}</A>
              <A class="button" href={`/applications/new?draft=${a().id}&step=enterprise`} data-testid="edit-draft">{t('application.edit')}</A>
            </div>
          </Show>
          <Show when={a().status === 'draft' || a().status === 'returned'}>
            <p><button type="button" data-testid="withdraw" disabled={withdrawing.pending} onClick={() => onWithdraw(a().id)}>{t('application.withdraw')}</button></p>
            <Show when={withdrawing.error}>{(e) => <ErrorMessage error={e()} />}</Show>
          </Show>

          <Show when={a().status === 'approved'}>
            <div class="alert alert-action" data-testid="contract-cta">
              <p>{t('contract.cta.lead')}</p>
              <p><A class="button primary" href={`/applications/${a().id}/contract`} data-testid="sign-contract">{t('contract.cta.sign')}</A></p>
            </div>
          </Show>
          <Show when={a().status === 'signed' || a().status === 'active'}>
            <div class="actions">
              <A class="button" href={`/applications/${a().id}/contract`} data-testid="view-contract">{t('contract.cta.view')}</A>
              <Show when={a().contract?.sealedAt}>
                <PdfDownload testid="download-sealed" label={t('contract.downloadSealed')}
                  fileName={`${a().contract!.contractNo}-sealed.pdf`} fetch={() => api.sealedContractPdf(a().id)} />
              </Show>
            </div>
          </Show>

          <Show when={a().decision}>{(d) => <DecisionPanel decision={d()} />}</Show>
          <Show when={a().offer}>{(o) => <OfferPanel offer={o()} />}</Show>

          <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">{t('application.timeline')}</h2>
            <Timeline events={a().events} />
          </section>
        </article>
      )}
    </Show>
  );
}
