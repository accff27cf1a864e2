/**
 * The branch queue (head office and committee see every branch): filters in the URL, sorted by waiting
 * time, each row's wait against its SLA.
 */
import { A, createAsync, revalidate, useSearchParams } from '@solidjs/router';
import { For, onCleanup, Show } from 'solid-js';
import { APPLICATION_STATUSES, PRODUCTS, TIERS } from '../../../../shared/catalog.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { formatFen, formatMinutes } from '../../lib/format.js';
import { getQueue } from './staff.data.js';

const AGES = ['', '1', '4', '24', '72'];
const REFRESH_MS = 30_000;

export default function Queue() {
  const { t, tx, locale } = useI18n();
  const [params, setParams] = useSearchParams<{ status?: string; tier?: string; product?: string; age?: string }>();
  const filter = () => ({ status: params.status || 'in-review', tier: params.tier || undefined, product: params.product || undefined });
  const items = createAsync(() => getQueue(filter()));
  const shown = () => (items() ?? []).filter((i) => !params.age || i.waitingMinutes >= Number(params.age) * 60);

  const timer = setInterval(() => { void revalidate(getQueue.key); }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));

  const select = (name: 'status' | 'tier' | 'product' | 'age', label: MessageKey, values: readonly string[], prefix: string, all = true) => (
    <div class="field">
      <label for={`filter-${name}`}>{t(label)}</label>
      <select id={`filter-${name}`} data-testid={`filter-${name}`} value={params[name] ?? (name === 'status' ? 'in-review' : '')}
        onChange={(e) => setParams({ [name]: e.currentTarget.value || undefined })}>
        <Show when={all}><option value="">{t('staff.filter.all')}</option></Show>
        <For each={values.filter(Boolean)}>{(v) => <option value={v}>{prefix === 'age' ? t('staff.filter.olderThan', { h: v }) : tx(prefix, v)}</option>}</For>
      </select>
    </div>
  );

  return (
    <section class="panel wide">
      <div class="page-head">
        <h1>{t('staff.queue.title')}</h1>
        <button type="button" onClick={() => revalidate(getQueue.key)}>{t('common.refresh')}</button>
      </div>
      <form class="filters" role="search" aria-label={t('staff.filter.label')} onSubmit={(e) => e.preventDefault()}>
        {select('status', 'staff.filter.status', APPLICATION_STATUSES, 'status', false)}
        {select('tier', 'staff.filter.tier', TIERS, 'tier')}
        {select('product', 'staff.filter.product', PRODUCTS, 'product')}
        {select('age', 'staff.filter.age', AGES, 'age')}
      </form>
      <Show when={shown().length} fallback={<p class="empty" data-testid="queue-empty">{t('staff.queue.empty')}</p>}>
        <div class="table-scroll" tabindex="0" role="region" aria-label={t('staff.queue.title')}>
          <table class="queue responsive" data-testid="queue">
            <thead>
              <tr>
                <th scope="col">{t('field.enterprise.name')}</th>
                <th scope="col" class="num">{t('field.loan.amount')}</th>
                <th scope="col">{t('field.loan.product')}</th>
                <th scope="col">{t('decision.tier')}</th>
                <th scope="col">{t('staff.bandClass')}</th>
                <th scope="col">{t('application.branch')}</th>
                <th scope="col">{t('staff.waiting')}</th>
                <th scope="col">{t('staff.stage')}</th>
                <th scope="col">{t('staff.claimedBy')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={shown()}>
                {(row) => {
                  const overdue = () => row.waitingMinutes > row.slaMinutes;
                  return (
                    <tr data-testid="queue-row" data-id={row.id} classList={{ overdue: overdue() }}>
                      <th scope="row" data-label={t('field.enterprise.name')}>
                        <A href={`/staff/applications/${row.id}`}>{row.enterprise.name}</A>
                        <span class="sub">{row.enterprise.creditCode}</span>
                      </th>
                      <td class="num" data-label={t('field.loan.amount')}>{formatFen(row.loan.amount, locale())}</td>
                      <td data-label={t('field.loan.product')}>{tx('product', row.loan.product)}</td>
                      <td data-label={t('decision.tier')}>{tx('tier', row.tier)}</td>
                      <td data-label={t('staff.bandClass')}>
                        <Show when={row.band} fallback="—"><span class={`band band-${row.band}`}>{tx('band', row.band)}</span></Show> / {row.stratClass ?? '—'}
                      </td>
                      <td data-label={t('application.branch')}>{row.branch ? (locale() === 'zh-CN' ? row.branch.nameZh : row.branch.name) : '—'}</td>
                      <td data-label={t('staff.waiting')}>
                        <meter min="0" max={row.slaMinutes} low={row.slaMinutes * 0.5} high={row.slaMinutes * 0.85} optimum="0"
                          value={Math.min(row.waitingMinutes, row.slaMinutes)} aria-hidden="true" />
                        <span class="sla">{t('staff.waitingOf', { waited: formatMinutes(row.waitingMinutes, locale()), sla: formatMinutes(row.slaMinutes, locale()) })}</span>
                        <Show when={overdue()}><strong class="overdue-tag">{t('staff.overdue')}</strong></Show>
                      </td>
                      <td data-label={t('staff.stage')}>
                        {tx('stage', row.stage)}
                        <Show when={row.waitingFor}><span class="sub" data-testid="waiting-for">{t('staff.waitingFor')}: {tx('role', row.waitingFor)}</span></Show>
                      </td>
                      <td data-label={t('staff.claimedBy')}>
                        {row.claimedBy ?? t('staff.unclaimed')}
                        <Show when={!row.claimedBy && row.assignee}><span class="sub">{t('staff.assignedTo', { who: row.assignee! })}</span></Show>
                      </td>
                    </tr>
                  );
                }}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  );
}
