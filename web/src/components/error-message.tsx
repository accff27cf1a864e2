/**
 * An API or page failure in words. The API writes its messages in English; in English they are shown as
 * they are (they are specific), in Chinese the error code's translation leads and the English follows.
 */
import { Show } from 'solid-js';
import { useI18n, type I18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';

export function errorText(i18n: I18n, err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('error.unexpected');
  const known = i18n.tx('error', err.code);
  if (i18n.locale() === 'en') return err.message || known;
  return known !== err.code ? known : err.message;
}

/** The server's own words, shown under a translated headline when they add something. */
export function errorDetail(i18n: I18n, err: unknown): string | null {
  if (!(err instanceof ApiError) || i18n.locale() === 'en') return null;
  return i18n.tx('error', err.code) !== err.code ? err.message : null;
}

export function ErrorMessage(props: { error: unknown; retry?: () => void }) {
  const i18n = useI18n();
  return (
    <div class="alert alert-error" role="alert" data-testid="error">
      <p>{errorText(i18n, props.error)}</p>
      <Show when={errorDetail(i18n, props.error)}>{(d) => <p class="detail" lang="en">{d()}</p>}</Show>
      <Show when={props.retry}>
        {(retry) => <button type="button" onClick={() => retry()()}>{i18n.t('common.retry')}</button>}
      </Show>
    </div>
  );
}
