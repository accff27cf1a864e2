/**
 * My work: the stages I have claimed, and what waits, unclaimed, for my role in my scope. The API picks both with
 * the same rule it enforces on claims and opinions, so everything listed here is something I may act on.
 */
import { A, createAsync, revalidate } from '@solidjs/router';
import { For, onCleanup, Show } from 'solid-js';
import { useI18n } from '../../i18n/index.js';
import type { MyWork } from '../../lib/api.js';
import { formatFen, formatMinutes } from '../../lib/format.js';
import { getMyWork } from './staff.data.js';

const REFRESH_MS = 30_000;

function WorkList(props: { rows: MyWork['claimed']; testid: string; empty: string }) {
  const { t, tx, locale } = useI18n();
  return (
    <Show when={props.rows.length} fallback={<p class="empty" data-testid={`${props.testid}-empty`}>{props.empty}</p>}>
      <ul class="work-list" data-testid={props.testid}>
        <For each={props.rows}>
          {(row) => (
            <li class="work-row" data-testid="work-row" data-id={row.id} data-stage={row.stage ?? ''}>
              <A href={`/staff/applications/${row.id}`}>{row.enterprise.name}</A>
              <span class="sub">
                {formatFen(row.loan.amount, locale())} · {tx('tier', row.tier)} · {t('staff.myWork.stageOf', { stage: tx('stage', row.stage) })}
                {' · '}{t('staff.waitingOf', { waited: formatMinutes(row.waitingMinutes, locale()), sla: formatMinutes(row.slaMinutes, locale()) })}
              </span>
              <Show when={row.overdue}><strong class="overdue-tag">{t('staff.overdue')}</strong></Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

export default function MyWorkPage() {
  const { t } = useI18n();
  const work = createAsync(() => getMyWork());
  const timer = setInterval(() => { void revalidate(getMyWork.key); }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  return (
    <section class="panel wide" data-testid="my-work">
      <div class="page-head">
        <h1>{t('staff.myWork.title')}</h1>
        <button type="button" onClick={() => revalidate(getMyWork.key)}>{t('common.refresh')}</button>
      </div>
      <Show when={work()}>
        {(w) => (
          <>
            <h2>{t('staff.myWork.claimed')} ({w().claimed.length})</h2>
            <WorkList rows={w().claimed} testid="my-claimed" empty={t('staff.myWork.noneClaimed')} />
            <h2>{t('staff.myWork.waiting')} ({w().waiting.length})</h2>
            <WorkList rows={w().waiting} testid="my-waiting" empty={t('staff.myWork.noneWaiting')} />
          </>
        )}
      </Show>
    </section>
  );
}
