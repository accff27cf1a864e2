/** Figures for branch and head office: queue by status, time to decision, approval rate by tier, branches compared. */
import { createAsync } from '@solidjs/router';
import { Show } from 'solid-js';
import { BarChart, seriesColor } from '../../components/bar-chart.js';
import { useI18n } from '../../i18n/index.js';
import { formatMinutes, formatPercent } from '../../lib/format.js';
import { getDashboard } from './staff.data.js';

export default function Dashboard() {
  const { t, tx, locale } = useI18n();
  const data = createAsync(() => getDashboard());
  const total = () => Object.values(data()?.byStatus ?? {}).reduce((a, b) => a + b, 0);

  return (
    <section class="panel wide">
      <h1>{t('staff.dashboard.title')}</h1>
      <Show when={data()}>
        {(d) => {
          const statuses = () => Object.keys(d().byStatus);
          const tiers = () => Object.keys(d().approvalRateByTier);
          const branches = () => d().byBranch.filter((b) => b.queued + b.decided > 0 || d().byBranch.length <= 18);
          return (
            <>
              <dl class="kpis" data-testid="kpis">
                <div><dt>{t('staff.kpi.total')}</dt><dd>{total()}</dd></div>
                <div><dt>{t('staff.kpi.inReview')}</dt><dd>{d().byStatus['in-review'] ?? 0}</dd></div>
                <div><dt>{t('staff.kpi.median')}</dt><dd>{d().medianMinutesToDecision === null ? '—' : formatMinutes(d().medianMinutesToDecision!, locale())}</dd></div>
              </dl>
              <div class="charts">
                <BarChart id="by-status" title={t('staff.chart.byStatus')} labels={statuses().map((s) => tx('status', s))}
                  series={[{ label: t('staff.chart.count'), data: statuses().map((s) => d().byStatus[s]), color: seriesColor(0) }]} />
                <BarChart id="by-tier" title={t('staff.chart.approvalByTier')} labels={tiers().map((x) => tx('tier', x))} max={1}
                  format={(v) => formatPercent(v, locale())}
                  series={[{ label: t('staff.chart.approvalRate'), data: tiers().map((x) => d().approvalRateByTier[x]), color: seriesColor(2) }]} />
                <BarChart id="by-branch" title={t('staff.chart.byBranch')} stacked
                  labels={branches().map((b) => (locale() === 'zh-CN' ? b.nameZh ?? tx('branch', b.code) : b.name))}
                  series={[
                    { label: t('staff.chart.queued'), data: branches().map((b) => b.queued), color: seriesColor(1) },
                    { label: t('staff.chart.decided'), data: branches().map((b) => b.decided), color: seriesColor(0) },
                  ]} />
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}
