/** An application's events, oldest first, as an ordered list. */
import { For, Show } from 'solid-js';
import { useI18n } from '../i18n/index.js';
import type { EventView } from '../lib/api.js';
import { formatDateTime } from '../lib/format.js';

export function Timeline(props: { events: EventView[]; showDetail?: boolean }) {
  const { tx, locale } = useI18n();
  const sorted = () => [...props.events].sort((a, b) => a.seq - b.seq);
  // System parts and roles by their label; a person's name only where the API gives one (staff pages).
  const actor = (a: string) => tx('actor', a);
  const detail = (e: EventView) => {
    const d = e.detail ?? {};
    const parts: string[] = [];
    if (typeof d.branch === 'string') parts.push(tx('branch', d.branch));
    if (typeof d.tier === 'string') parts.push(tx('tier', d.tier));
    if (typeof d.note === 'string') parts.push(d.note);
    if (props.showDetail) {
      if (typeof d.opinion === 'string') parts.push(tx('opinion', d.opinion));
      if (typeof d.vote === 'string') parts.push(tx('vote', d.vote));
      if (typeof d.comment === 'string' && d.comment) parts.push(`“${d.comment}”`);
    }
    return parts.join(' · ');
  };
  return (
    <ol class="timeline" data-testid="timeline">
      <For each={sorted()}>
        {(e) => (
          <li data-event={e.type}>
            <span class="tl-type">{tx('event', e.type)}</span>
            <Show when={detail(e)}><span class="tl-detail">{detail(e)}</span></Show>
            <span class="tl-meta"><time datetime={e.at}>{formatDateTime(e.at, locale())}</time> · {actor(e.actor)}</span>
          </li>
        )}
      </For>
    </ol>
  );
}
