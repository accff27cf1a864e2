/** Head office: the configuration in force, and a proposal form that shows its impact before anyone approves. */
import { action, createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { formatBps, formatDateTime, formatFen } from '../../lib/format.js';
import { getAdminConfig } from './admin.data.js';
import { ImpactTable, parseChanges } from './impact.js';

const proposeAction = action(async (changes: Record<string, unknown>, effectiveFrom: string, reason: string) =>
  api.propose({ changes, effectiveFrom, reason }), 'admin-propose');

export default function Rules() {
  const { t, locale } = useI18n();
  const config = createAsync(() => getAdminConfig());
  const propose = useAction(proposeAction);
  const submission = useSubmission(proposeAction);
  const [changes, setChanges] = createSignal('{\n  "thresholds": { "autoCeiling": 20000000 }\n}');
  const [effective, setEffective] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [badJson, setBadJson] = createSignal(false);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseChanges(changes());
    setBadJson(!parsed);
    if (!parsed) return;
    const at = effective() ? new Date(effective()).toISOString() : new Date().toISOString();
    await propose(parsed, at, reason().trim()).catch(() => {});
  };

  return (
    <section class="panel wide">
      <h1>{t('admin.rules.title')}</h1>
      <Show when={config()}>
        {(c) => (
          <>
            <dl class="kpis" data-testid="config-summary">
              <div><dt>{t('admin.rules.version')}</dt><dd>{c().version}</dd></div>
              <div><dt>{t('admin.rules.effectiveFrom')}</dt><dd>{formatDateTime(c().effectiveFrom, locale())}</dd></div>
              <div><dt>{t('admin.rules.autoCeiling')}</dt><dd>{formatFen(c().thresholds.autoCeiling, locale())}</dd></div>
              <div><dt>{t('admin.rules.branchAuthority')}</dt><dd>{formatFen(c().thresholds.branchAuthority, locale())}</dd></div>
              <div><dt>{t('admin.rules.twoApprovalLimit')}</dt><dd>{formatFen(c().thresholds.twoApprovalLimit, locale())}</dd></div>
              <div><dt>{t('admin.rules.lpr')}</dt><dd>{formatBps(c().lpr.rateBps)} ({c().lpr.publishedOn})</dd></div>
              <div><dt>{t('admin.rules.sla')}</dt><dd>{c().sla.workingMinutes / 60} h</dd></div>
              <div><dt>{t('admin.rules.quorum')}</dt><dd>{c().committee.quorum}</dd></div>
            </dl>
            <h2>{t('admin.rules.products')}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-label={t('admin.rules.products')}>
              <table>
                <thead><tr><th>{t('admin.rules.product')}</th><th>{t('admin.rules.amount')}</th><th>{t('admin.rules.term')}</th><th>{t('admin.rules.rate')}</th></tr></thead>
                <tbody>
                  <For each={c().products}>
                    {(p) => (
                      <tr>
                        <td>{locale() === 'zh-CN' ? p.nameZh : p.nameEn} <code>{p.code}</code></td>
                        <td>{formatFen(p.amount.min, locale())} – {formatFen(p.amount.max, locale())}</td>
                        <td>{p.termMonths.min}–{p.termMonths.max}</td>
                        <td>{formatBps(p.rateBps.min)} – {formatBps(p.rateBps.max)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <details>
              <summary>{t('admin.rules.branches', { n: c().branches.length })}</summary>
              <div class="table-scroll" role="region" tabindex="0" aria-label={t('admin.rules.branches', { n: c().branches.length })}>
                <table>
                  <thead><tr><th>{t('admin.rules.branch')}</th><th>{t('admin.rules.coordinates')}</th><th>{t('admin.rules.approvalLimit')}</th><th>{t('admin.rules.committeeLimit')}</th></tr></thead>
                  <tbody>
                    <For each={c().branches}>
                      {(b) => (
                        <tr>
                          <td>{locale() === 'zh-CN' ? b.nameZh : b.nameEn} <code>{b.code}</code></td>
                          <td>{b.lat.toFixed(3)}, {b.lon.toFixed(3)}</td>
                          <td>{formatFen(b.authority.approvalLimit, locale())}</td>
                          <td>{formatFen(b.authority.committeeLimit, locale())}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </details>
          </>
        )}
      </Show>

      <h2>{t('admin.rules.propose')}</h2>
      <form class="form" onSubmit={onSubmit} data-testid="propose-form">
        <div class="field" classList={{ invalid: badJson() }}>
          <label for="changes">{t('admin.rules.changes')}</label>
          <textarea id="changes" rows={6} value={changes()} onInput={(e) => setChanges(e.currentTarget.value)} spellcheck={false} />
          <p class="hint">{t('admin.rules.changesHint')}</p>
          <Show when={badJson()}><p class="field-error">{t('admin.rules.badJson')}</p></Show>
        </div>
        <div class="field">
          <label for="effective">{t('admin.rules.effectiveFrom')}</label>
          <input id="effective" type="datetime-local" value={effective()} onInput={(e) => setEffective(e.currentTarget.value)} />
          <p class="hint">{t('admin.rules.effectiveHint')}</p>
        </div>
        <div class="field">
          <label for="reason">{t('admin.reason')}</label>
          <input id="reason" required value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={submission.pending}>{t('admin.rules.submit')}</button></div>
      </form>
      <Show when={submission.error}>{(err) => <ErrorMessage error={err()} />}</Show>
      <Show when={submission.result}>
        {(r) => (
          <div class="alert" role="status">
            <p>{t('admin.rules.proposed')}</p>
            <ImpactTable impact={r().impact} />
            <p><a href="/staff/proposals">{t('admin.nav.proposals')}</a></p>
          </div>
        )}
      </Show>
    </section>
  );
}
