import { useI18n } from '../i18n/index.js';

/** A status in words and colour; the colour is never the only signal. */
export function StatusBadge(props: { status: string; testid?: string }) {
  const { tx } = useI18n();
  return <span class={`badge status-${props.status}`} data-testid={props.testid ?? 'status'} data-status={props.status}>{tx('status', props.status)}</span>;
}
