/** Head office: upload a target list, watch its import's progress, read its summary and bad rows, and the funnel. */
import { createAsync, query, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { BarChart, seriesColor } from '../../components/bar-chart.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';

export const getFunnel = query(() => api.leadFunnel(), 'lead-funnel');
type Status = Awaited<ReturnType<typeof api.targetList>>;
const STAGES = ['imported', 'screened', 'leads', 'invited', 'applied', 'approved'] as const;

export default function TargetLists() {
  const { t, locale } = useI18n();
  const funnel = createAsync(() => getFunnel());
  const [status, setStatus] = createSignal<Status>();
  const [error, setError] = createSignal('');
  let file: HTMLInputElement | undefined;
  let source: HTMLInputElement | undefined;
  let label: HTMLInputElement | undefined;

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    const f = file?.files?.[0];
    if (!f) return;
    try {
      const contentType = f.name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
      const slot = await api.targetListUpload({ fileName: f.name, size: f.size, contentType, source: source?.value ?? '', label: label?.value ?? '' });
      await fetch(slot.upload.url, { method: 'PUT', headers: slot.upload.headers, body: f });
      await api.startTargetList(slot.importId);
      for (;;) {
        const s = await api.targetList(slot.importId);
        setStatus(s);
        if (s.status !== 'running') break;
        await new Promise((r) => setTimeout(r, 500));
      }
      await revalidate(getFunnel.key);
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section class="panel wide">
      <h1>{t('imports.title')}</h1>
      <form onSubmit={submit}>
        <label>{t('imports.file')}<input ref={file} type="file" accept=".csv,.xlsx" required /></label>
        <label>{t('imports.source')}<input ref={source} required /></label>
        <label>{t('imports.label')}<input ref={label} /></label>
        <button type="submit">{t('imports.start')}</button>
      </form>
      <Show when={error()}><p role="alert">{error()}</p></Show>
      <Show when={status()}>
        {(s) => (
          <>
            <progress max={Math.max(1, s().progress.rows)} value={s().progress.processed} aria-label={t('imports.progress', { p: s().progress.processed, r: s().progress.rows })} />
            <p role="status">{t('imports.progress', { p: s().progress.processed, r: s().progress.rows })}</p>
            <Show when={s().status === 'failed' && s().error}>{(er) => <p role="alert">{locale() === 'zh-CN' ? er().messageZh : er().message}</p>}</Show>
            <p>{t('imports.summary', { total: s().summary.total, duplicates: s().summary.duplicates, merged: s().summary.merged, screenedOut: s().summary.screenedOut, leads: s().summary.leads, a: s().summary.classes.A, b: s().summary.classes.B, c: s().summary.classes.C })}</p>
            <Show when={s().summary.badRows.length}>
              <h2>{t('imports.badRows')}</h2>
              <ul><For each={s().summary.badRows}>{(b) => <li>{locale() === 'zh-CN' ? b.reasonZh : b.reason}</li>}</For></ul>
            </Show>
          </>
        )}
      </Show>
      <Show when={funnel()}>
        {(f) => (
          <BarChart id="lead-funnel" title={t('imports.funnel')} labels={STAGES.map((s) => t(`funnel.${s}`))}
            series={[{ label: t('imports.funnel'), data: STAGES.map((s) => f()[s]), color: seriesColor(0) }]} />
        )}
      </Show>
    </section>
  );
}
