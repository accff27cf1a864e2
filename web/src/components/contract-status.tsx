/**
 * The contract's stage and its PDF downloads, shared by the borrower's contract page and the staff review page.
 * Downloads fetch the bytes with the session's token and hand them to the browser: a contract is never a bare link.
 */
import { createSignal, Show } from 'solid-js';
import { useI18n } from '../i18n/index.js';
import type { ApplicationView } from '../lib/api.js';
import { ErrorMessage } from './error-message.js';

export type ContractStage = 'unavailable' | 'to-sign' | 'reviewing' | 'review-failed' | 'sealing' | 'disbursing' | 'active';

/** Where the contract stands, from the application's status and the contract's step times. */
export function contractStage(app: ApplicationView): ContractStage {
  const c = app.contract;
  if (app.status === 'active') return 'active';
  if (app.status === 'approved') return 'to-sign';
  if (app.status !== 'signed' || !c) return 'unavailable';
  if (c.loanCentreCheck?.outcome === 'failed') return 'review-failed';
  if (!c.reviewedAt) return 'reviewing';
  return c.sealedAt ? 'disbursing' : 'sealing';
}

/** Hands bytes to the browser as a file download; the object URL is revoked once the click is handled. */
export function saveFile(bytes: Uint8Array, fileName: string, type = 'application/pdf') {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PdfDownload(props: { label: string; fileName: string; fetch: () => Promise<Uint8Array>; testid: string; primary?: boolean }) {
  const { t } = useI18n();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  async function download() {
    setPending(true);
    setError(undefined);
    try {
      saveFile(await props.fetch(), props.fileName);
    } catch (err) {
      setError(err);
    } finally {
      setPending(false);
    }
  }
  return (
    <div class="pdf-download">
      <button type="button" classList={{ primary: !!props.primary }} data-testid={props.testid} disabled={pending()} aria-busy={pending()} onClick={download}>
        {pending() ? t('contract.downloading') : props.label}
      </button>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} retry={download} />}</Show>
    </div>
  );
}
