/** The lead workbench (DESIGN.md §7.4): the caller's leads by class, a contact log, invite to apply, status to application. */
import { createAsync, query, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';

export const getLeads = query(() => api.leads(), 'staff-leads');

export default function Leads() {
  const { t, tx } = useI18n();
  const leads = createAsync(() => getLeads());
  const [note, setNote] = createSignal<Record<string, string>>({});
  const byClass = (c: 'A' | 'B' | 'C') => (leads() ?? []).filter((l) => l.class === c);
  const invite = async (code: string) => { await api.inviteLead(code); await revalidate(getLeads.key); };
  const log = async (code: string) => {
    const text = note()[code]?.trim();
    if (!text) return;
    await api.logContact(code, text, 'reached');
    setNote({ ...note(), [code]: '' });
    await revalidate(getLeads.key);
  };
  return (
    <section class="panel wide">
      <h1>{t('leads.title')}</h1>
      <Show when={(leads() ?? []).length} fallback={<p>{t('leads.none')}</p>}>
        <For each={['A', 'B', 'C'] as const}>
          {(c) => (
            <Show when={byClass(c).length}>
              <h2>{t('leads.class', { c })}</h2>
              {/* Labelled rows on a phone (styles.css table.responsive), so the actions never sit off screen. */}
              <table class="responsive leads" data-testid={`leads-${c}`}>
                <thead><tr><th scope="col">{t('leads.col.name')}</th><th scope="col">{t('leads.col.labels')}</th><th scope="col">{t('leads.col.status')}</th><th scope="col">{t('leads.col.actions')}</th></tr></thead>
                <tbody>
                  <For each={byClass(c)}>
                    {(l) => (
                      <tr>
                        <th scope="row" data-label={t('leads.col.name')}><span>{l.name}<br /><small>{l.creditCode}</small></span></th>
                        <td data-label={t('leads.col.labels')}>{l.labels.map((x) => tx('label', x)).join('、')}</td>
                        <td data-label={t('leads.col.status')}><span>{tx('leads.status', l.status)}<For each={l.contacts}>{(k) => <div><small>{k.at.slice(0, 10)} {k.note}</small></div>}</For></span></td>
                        <td class="lead-actions">
                          <label>{t('leads.note')}<input value={note()[l.creditCode] ?? ''} onInput={(e) => setNote({ ...note(), [l.creditCode]: e.currentTarget.value })} /></label>
                          <button type="button" onClick={() => log(l.creditCode)}>{t('leads.log')}</button>
                          <Show when={l.status === 'new' || l.status === 'contacted'}>
                            <button type="button" onClick={() => invite(l.creditCode)}>{t('leads.invite')}</button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </Show>
          )}
        </For>
      </Show>
    </section>
  );
}
