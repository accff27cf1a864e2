/**
 * An API or page failure in words. The API words its messages in the language the client asks for
 * (Accept-Language, web/src/lib/api.ts), so they are shown as they are; in Chinese the error code's
 * translation leads and the server's specific words follow. A message not in the page's language (one the
 * client made itself, or an answer to a request sent before the language changed) is never shown.
 */
import { Show } from 'solid-js';
import { useI18n, type I18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';

const inPageLanguage = (i18n: I18n, message: string) => i18n.locale() === 'en' || /[\u4e00-\u9fff]/.test(message);

export function errorText(i18n: I18n, err: unknown): string {
  if (!(err instanceof ApiError)) return i18n.t('error.unexpected');
  const known = i18n.tx('error', err.code);
  if (i18n.locale() === 'en') return err.message || known;
  if (known !== err.code) return known;
  return inPageLanguage(i18n, err.message) ? err.message : i18n.t('error.unexpected');
}

/** The server's own words, shown under a translated headline when they add something. */
export function errorDetail(i18n: I18n, err: unknown): string | null {
  if (!(err instanceof ApiError) || i18n.locale() === 'en') return null;
  const known = i18n.tx('error', err.code);
  return known !== err.code && err.message !== known && inPageLanguage(i18n, err.message) ? err.message : null;
}

export function ErrorMessage(props: { error: unknown; retry?: () => void }) {
  const i18n = useI18n();
  return (
    <div class="alert alert-error" role="alert" data-testid="error">
      <p>{errorText(i18n, props.error)}</p>
      <Show when={errorDetail(i18n, props.error)}>{(d) => <p class="detail">{d()}</p>}</Show>
      <Show when={props.retry}>
        {(retry) => <button type="button" onClick={() => retry()()}>{i18n.t('common.retry')}</button>}
      </Show>
    </div>
  );
}
