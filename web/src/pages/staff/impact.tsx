/** A replay's result: how many recent decisions change outcome or tier, and which. */
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/index.js';
import type { ImpactView } from '../../lib/api.js';
import { formatFen } from '../../lib/format.js';

type Outcome = { outcome: string; tier: string | null };

export function ImpactTable(props: { impact: Pick<ImpactView, 'total' | 'changedOutcomes'> & { changed: { applicationId?: string; enterprise?: string; amount?: number; current: Outcome; candidate: Outcome }[] } }) {
  const { t, tx, locale } = useI18n();
  const side = (o: Outcome) => `${tx('outcome', o.outcome)} · ${o.tier ? tx('tier', o.tier) : '—'}`;
  return (
    <div data-testid="impact">
      <p class="lead">{t('admin.impact.summary', { changed: props.impact.changedOutcomes, total: props.impact.total })}</p>
      <Show when={props.impact.changed.length}>
        <div class="table-scroll" role="region" tabindex="0" aria-label={t('admin.impact.summary', { changed: props.impact.changedOutcomes, total: props.impact.total })}>
          <table>
            <thead><tr><th>{t('admin.impact.application')}</th><th>{t('admin.impact.amount')}</th><th>{t('admin.impact.now')}</th><th>{t('admin.impact.then')}</th></tr></thead>
            <tbody>
              <For each={props.impact.changed}>
                {(c) => (
                  <tr>
                    <td><a href={`/staff/applications/${c.applicationId}`}>{c.enterprise ?? c.applicationId}</a></td>
                    <td>{c.amount === undefined ? '—' : formatFen(c.amount, locale())}</td>
                    <td>{side(c.current)}</td>
                    <td>{side(c.candidate)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </div>
  );
}

/** The changes box: JSON as the API takes it, e.g. { "thresholds": { "autoCeiling": 20000000 } }. */
export function parseChanges(text: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}
