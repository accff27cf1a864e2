/** The portfolio: outstanding by branch, band, class and DPD bucket, the NPL ratio and tasks; charts with their tables, then the loans. */
import { createAsync } from '@solidjs/router';
import { For, Show } from 'solid-js';
import { BarChart, seriesColor } from '../../components/bar-chart.js';
import { useI18n } from '../../i18n/index.js';
import { formatFen, formatPercent } from '../../lib/format.js';
import { getPortfolio, getStaffLoans } from '../loans.data.js';

const yuan = (fen: number) => Math.round(fen / 100);

export default function Portfolio() {
  const { t, tx, locale } = useI18n();
  const data = createAsync(() => getPortfolio());
  const loans = createAsync(() => getStaffLoans());
  return (
    <section class="panel wide">
      <h1>{t('portfolio.title')}</h1>
      <Show when={data()}>
        {(d) => (
          <>
            <dl class="kpis" data-testid="portfolio-kpis">
              <div><dt>{t('portfolio.loans')}</dt><dd>{d().loans}</dd></div>
              <div><dt>{t('portfolio.outstanding')}</dt><dd>{formatFen(d().outstanding, locale())}</dd></div>
              <div><dt>{t('portfolio.npl')}</dt><dd>{formatPercent(d().nplRatio, locale())}</dd></div>
              <div><dt>{t('portfolio.tasks')}</dt><dd>{d().tasks.open} / {d().tasks.overdue}</dd></div>
            </dl>
            <div class="charts">
              <BarChart id="by-class" title={t('portfolio.byClass')} labels={Object.keys(d().byClass).map((k) => tx('loanClass', k))}
                series={[{ label: t('portfolio.outstandingYuan'), data: Object.values(d().byClass).map((v) => yuan(v.outstanding)), color: seriesColor(0) }]} />
              <BarChart id="by-dpd" title={t('portfolio.byDpd')} labels={Object.keys(d().byDpdBucket)}
                series={[{ label: t('portfolio.outstandingYuan'), data: Object.values(d().byDpdBucket).map((v) => yuan(v.outstanding)), color: seriesColor(3) }]} />
              <BarChart id="by-band" title={t('portfolio.byBand')} labels={Object.keys(d().byBand).map((k) => tx('band', k))}
                series={[{ label: t('portfolio.outstandingYuan'), data: Object.values(d().byBand).map((v) => yuan(v.outstanding)), color: seriesColor(1) }]} />
              <BarChart id="by-branch-loans" title={t('portfolio.byBranch')} labels={d().byBranch.map((b) => (locale() === 'zh-CN' ? b.nameZh : b.name))}
                series={[{ label: t('portfolio.outstandingYuan'), data: d().byBranch.map((b) => yuan(b.outstanding)), color: seriesColor(2) }]} />
            </div>
          </>
        )}
      </Show>
      <h2>{t('portfolio.list')}</h2>
      <div class="table-scroll" role="region" tabindex="0" aria-label={t('portfolio.list')}>
        <table data-testid="portfolio-loans">
          <thead><tr><th>{t('portfolio.borrower')}</th><th>{t('loans.outstanding')}</th><th>{t('loans.dpd')}</th><th>{t('loans.class')}</th><th>{t('portfolio.manager')}</th></tr></thead>
          <tbody>
            <For each={loans() ?? []}>{(l) => <tr><td>{l.borrower.name}</td><td>{formatFen(l.principalOutstanding, locale())}</td><td>{l.daysPastDue}</td><td>{tx('loanClass', l.class)}</td><td>{l.accountManager}</td></tr>}</For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
