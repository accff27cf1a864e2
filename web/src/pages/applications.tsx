/** The applicant's own applications, newest first. */
import { A, createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { StatusBadge } from '../components/status-badge.js';
import { useI18n } from '../i18n/index.js';
import { formatDateTime, formatFen } from '../lib/format.js';
import { getApplications } from './applications.data.js';

export default function Applications() {
  const { t, tx, locale } = useI18n();
  const apps = createAsync(() => getApplications());
  const sorted = () => [...(apps() ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <section class="panel">
      <div class="page-head">
        <h1>{t('applications.title')}</h1>
        <A href="/applications/new" class="button primary" data-testid="new-application">{t('applications.new')}</A>
      </div>
      <Show when={sorted().length} fallback={<p class="empty">{t('applications.empty')}</p>}>
        <ul class="card-list" data-testid="application-list">
          <For each={sorted()}>
            {(app) => (
              <li class="card">
                <A href={`/applications/${app.id}`} class="card-link" data-testid={`application-${app.id}`}>
                  <span class="card-title">{app.enterprise.name}</span>
                  <StatusBadge status={app.status} />
                </A>
                <dl class="facts">
                  <div><dt>{t('field.loan.product')}</dt><dd>{tx('product', app.loan.product)}</dd></div>
                  <div><dt>{t('field.loan.amount')}</dt><dd>{formatFen(app.loan.amount, locale())}</dd></div>
                  <div><dt>{t('field.loan.termMonths')}</dt><dd>{t('common.months', { n: app.loan.termMonths })}</dd></div>
                  <div><dt>{t('applications.created')}</dt><dd>{formatDateTime(app.createdAt, locale())}</dd></div>
                </dl>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
