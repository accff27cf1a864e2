/**
 * A bar chart drawn by chart.js (imported only when a chart is first shown), with the same figures as a
 * table for screen readers and for anyone who would rather read.
 */
import { createEffect, For, onCleanup, onMount } from 'solid-js';
import type { Chart as ChartType } from 'chart.js';
import { useI18n } from '../i18n/index.js';

export interface Series { label: string; data: number[]; color: string }

const PALETTE = ['#0b5cab', '#e07b00', '#2f855a', '#9b2c2c', '#6b46c1', '#2c7a7b'];
export const seriesColor = (i: number) => PALETTE[i % PALETTE.length];

export function BarChart(props: { id: string; title: string; labels: string[]; series: Series[]; stacked?: boolean; format?: (v: number) => string; max?: number }) {
  const { t } = useI18n();
  let canvas: HTMLCanvasElement | undefined;
  let chart: ChartType | undefined;
  const fmt = (v: number) => (props.format ? props.format(v) : String(v));

  onMount(async () => {
    const { Chart } = await import('../lib/chart-setup.js');
    if (!canvas) return;
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: props.series.length > 1 }, tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${fmt(Number(c.raw))}` } } },
        scales: {
          x: { stacked: props.stacked },
          y: { stacked: props.stacked, beginAtZero: true, max: props.max, ticks: props.format ? { callback: (v) => fmt(Number(v)) } : { precision: 0 } },
        },
      },
    });
    draw();
  });

  function draw() {
    if (!chart) return;
    chart.data.labels = props.labels;
    chart.data.datasets = props.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color, borderColor: s.color }));
    chart.update();
  }
  createEffect(() => { void props.labels; void props.series; draw(); });
  onCleanup(() => chart?.destroy());

  return (
    <figure class="chart" data-testid={`chart-${props.id}`}>
      <figcaption id={`${props.id}-title`}>{props.title}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-labelledby={`${props.id}-title`} aria-describedby={`${props.id}-table`} />
      </div>
      <details>
        <summary>{t('chart.asTable')}</summary>
        <div class="table-scroll" role="region" tabindex="0" aria-label={`${props.title}: ${t('chart.asTable')}`}>
          <table id={`${props.id}-table`}>
            <thead><tr><th scope="col">{t('chart.category')}</th><For each={props.series}>{(s) => <th scope="col" class="num">{s.label}</th>}</For></tr></thead>
            <tbody>
              <For each={props.labels}>
                {(label, i) => <tr><th scope="row">{label}</th><For each={props.series}>{(s) => <td class="num">{fmt(s.data[i()] ?? 0)}</td>}</For></tr>}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
