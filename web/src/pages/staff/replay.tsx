/** Head office: the shadow run — recent decisions replayed under changes that nobody has proposed yet. */
import { action, useAction, useSubmission } from '@solidjs/router';
import { createSignal, Show } from 'solid-js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { ImpactTable, parseChanges } from './impact.js';

const replayAction = action(async (changes: Record<string, unknown>) => api.replay(changes), 'admin-replay');

export default function Replay() {
  const { t } = useI18n();
  const run = useAction(replayAction);
  const submission = useSubmission(replayAction);
  const [changes, setChanges] = createSignal('{\n  "lpr": { "rateBps": 290, "publishedOn": "2026-11-20" }\n}');
  const [badJson, setBadJson] = createSignal(false);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const parsed = parseChanges(changes());
    setBadJson(!parsed);
    if (parsed) await run(parsed).catch(() => {});
  };
  return (
    <section class="panel wide">
      <h1>{t('admin.nav.replay')}</h1>
      <p class="lead">{t('admin.replay.lead')}</p>
      <form class="form" onSubmit={onSubmit} data-testid="replay-form">
        <div class="field" classList={{ invalid: badJson() }}>
          <label for="replay-changes">{t('admin.rules.changes')}</label>
          <textarea id="replay-changes" rows={6} value={changes()} onInput={(e) => setChanges(e.currentTarget.value)} spellcheck={false} />
          <Show when={badJson()}><p class="field-error">{t('admin.rules.badJson')}</p></Show>
        </div>
        <div class="actions"><button type="submit" class="primary" disabled={submission.pending}>{t('admin.replay.run')}</button></div>
      </form>
      <Show when={submission.error}>{(err) => <ErrorMessage error={err()} />}</Show>
      <Show when={submission.result}>{(r) => <ImpactTable impact={r()} />}</Show>
    </section>
  );
}
