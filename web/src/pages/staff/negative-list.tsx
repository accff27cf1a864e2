/** Head office: the negative list — look up, add with a source and a reason, remove with a reason, import CSV with progress. */
import { action, createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/index.js';
import { api, type NegativeEntryBody } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { inParts, parseCsv } from '../../lib/csv.js';
import { getNegativeList } from './admin.data.js';

const KINDS = ['abnormal-business-status', 'dishonest-debtor', 'tax-violation', 'litigation', 'administrative-penalty', 'default-elsewhere'] as const;
const addAction = action(async (body: NegativeEntryBody) => api.addNegative(body), 'admin-negative-add');
const removeAction = action(async (code: string, reason: string) => api.removeNegative(code, reason), 'admin-negative-remove');

export default function NegativeList() {
  const { t, tx, locale } = useI18n();
  const [filter, setFilter] = createSignal('');
  const entries = createAsync(() => getNegativeList(filter() || undefined));
  const add = useAction(addAction);
  const adding = useSubmission(addAction);
  const remove = useAction(removeAction);
  const removing = useSubmission(removeAction);
  const [form, setForm] = createSignal<NegativeEntryBody>({ creditCode: '', kind: 'dishonest-debtor', source: '', reason: '' });
  const set = (k: keyof NegativeEntryBody) => (e: { currentTarget: { value: string } }) => setForm({ ...form(), [k]: e.currentTarget.value });
  const [progress, setProgress] = createSignal<{ done: number; total: number; added: number; bad: { line: number; reason: string }[] } | null>(null);
  const [importError, setImportError] = createSignal<unknown>(null);

  const onImport = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setImportError(null);
    setProgress(null);
    try {
      const { rows, lines } = parseCsv(await file.text());
      const parts = inParts(rows.map((values, i) => ({ line: lines[i], values })), 500);
      let state = { done: 0, total: rows.length, added: 0, bad: [] as { line: number; reason: string }[] };
      setProgress(state);
      // One part at a time, so the bar moves as the server confirms each part.
      for (const part of parts) {
        const r = await api.importNegative(file.name, part);
        state = { ...state, done: state.done + part.length, added: state.added + r.added, bad: [...state.bad, ...r.badRows] };
        setProgress(state);
      }
    } catch (err) {
      setImportError(err);
    }
    await revalidate(getNegativeList.key);
  };

  return (
    <section class="panel wide">
      <h1>{t('admin.nav.negativeList')}</h1>
      <div class="field">
        <label for="neg-filter">{t('admin.neg.lookup')}</label>
        <input id="neg-filter" value={filter()} maxlength={18} onChange={(e) => setFilter(e.currentTarget.value.trim().toUpperCase())} />
      </div>
      <div class="table-scroll" role="region" tabindex="0" aria-label={t('admin.nav.negativeList')}>
        <table data-testid="negative-list">
          <thead><tr><th>{t('admin.neg.creditCode')}</th><th>{t('admin.neg.kind')}</th><th>{t('admin.neg.source')}</th><th>{t('admin.reason')}</th><th>{t('admin.neg.added')}</th><th /></tr></thead>
          <tbody>
            <For each={entries()}>
              {(e) => (
                <tr>
                  <td><code>{e.creditCode}</code></td>
                  <td>{tx('negativeList', e.kind)}</td>
                  <td>{e.source}</td>
                  <td>{e.reason}</td>
                  <td>{e.addedBy} · {formatDateTime(e.addedAt, locale())}</td>
                  <td>
                    <button type="button" disabled={removing.pending} onClick={() => {
                      const why = window.prompt(t('admin.neg.removeWhy'));
                      if (why?.trim()) remove(e.creditCode, why.trim()).catch(() => {});
                    }}>{t('admin.neg.remove')}</button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={removing.error}>{(err) => <ErrorMessage error={err()} />}</Show>

      <h2>{t('admin.neg.add')}</h2>
      <form class="form" data-testid="negative-add" onSubmit={(e) => { e.preventDefault(); add(form()).then(() => setForm({ ...form(), creditCode: '', reason: '' })).catch(() => {}); }}>
        <div class="field"><label for="neg-code">{t('admin.neg.creditCode')}</label><input id="neg-code" required maxlength={18} value={form().creditCode} onInput={set('creditCode')} /></div>
        <div class="field">
          <label for="neg-kind">{t('admin.neg.kind')}</label>
          <select id="neg-kind" value={form().kind} onChange={set('kind')}>
            <For each={KINDS}>{(k) => <option value={k}>{tx('negativeList', k)}</option>}</For>
          </select>
        </div>
        <div class="field"><label for="neg-source">{t('admin.neg.source')}</label><input id="neg-source" required value={form().source} onInput={set('source')} /></div>
        <div class="field"><label for="neg-reason">{t('admin.reason')}</label><input id="neg-reason" required value={form().reason} onInput={set('reason')} /></div>
        <div class="actions"><button type="submit" class="primary" disabled={adding.pending}>{t('admin.neg.add')}</button></div>
      </form>
      <Show when={adding.error}>{(err) => <ErrorMessage error={err()} />}</Show>

      <h2>{t('admin.neg.import')}</h2>
      <p class="hint">{t('admin.neg.importHint')}</p>
      <input type="file" accept=".csv,text/csv" aria-label={t('admin.neg.import')} onChange={onImport} data-testid="negative-import" />
      <Show when={progress()}>
        {(p) => (
          <div role="status">
            <progress max={p().total || 1} value={p().done} />
            <p>{t('admin.neg.progress', { done: p().done, total: p().total, added: p().added, bad: p().bad.length })}</p>
            <ul><For each={p().bad.slice(0, 50)}>{(b) => <li>{t('admin.neg.badRow', { line: b.line })}: {b.reason}</li>}</For></ul>
          </div>
        )}
      </Show>
      <Show when={importError()}>{(err) => <ErrorMessage error={err()} />}</Show>
    </section>
  );
}
