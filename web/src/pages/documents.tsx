/**
 * Documents step: each core document goes straight to storage through its presigned URL (with a
 * progress bar), then the API verifies the bytes; the result shows beside the file. Then submit.
 */
import { A, action, createAsync, revalidate, useAction, useNavigate, useParams, useSubmission } from '@solidjs/router';
import '../lib/zod-jitless.js';
import { createSignal, For, Match, Show, Switch } from 'solid-js';
import {
  ACCEPTED_CONTENT_TYPES, CORE_DOCUMENT_KINDS, documentRequestSchema, type DocumentKind,
} from '../../../shared/schemas/application.js';
import { errorText, ErrorMessage } from '../components/error-message.js';
import { StatusBadge } from '../components/status-badge.js';
import { useI18n } from '../i18n/index.js';
import { api, ApiError, uploadBytes, type DocumentView } from '../lib/api.js';
import { getApplication } from './applications.data.js';

const OPTIONAL_KINDS: DocumentKind[] = ['financial-statements', 'ip-certificate'];
const BY_EXTENSION: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png' };

/** The browser's type when it is one we accept, else the extension's. */
function contentTypeOf(file: File): string {
  if ((ACCEPTED_CONTENT_TYPES as readonly string[]).includes(file.type)) return file.type;
  return BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? (file.type || 'application/octet-stream');
}

type Phase = 'idle' | 'uploading' | 'verifying' | 'verified' | 'rejected' | 'failed';

function DocumentRow(props: { appId: string; kind: DocumentKind; required: boolean; existing?: DocumentView; editable: boolean }) {
  const i18n = useI18n();
  const { t, tx } = i18n;
  const [phase, setPhase] = createSignal<Phase>('idle');
  const [progress, setProgress] = createSignal(0);
  const [message, setMessage] = createSignal<string>();
  const [fileName, setFileName] = createSignal<string>();
  const inputId = `doc-${props.kind}`;

  /** What the row shows: this session's upload when there is one, else what the server already has. */
  const shownPhase = (): Phase => (phase() !== 'idle' ? phase() : props.existing?.status === 'verified' ? 'verified' : props.existing?.status === 'rejected' ? 'rejected' : 'idle');
  const shownName = () => fileName() ?? props.existing?.fileName;
  const shownMessage = () => message() ?? (phase() === 'idle' ? i18n.fieldMessage(props.existing?.reason) : undefined);

  async function upload(file: File) {
    setFileName(file.name);
    setMessage(undefined);
    setProgress(0);
    const request = { kind: props.kind, fileName: file.name, contentType: contentTypeOf(file), size: file.size };
    const checked = documentRequestSchema.safeParse(request);
    if (!checked.success) {
      setPhase('rejected');
      setMessage(i18n.fieldMessage(checked.error.issues[0]?.message));
      return;
    }
    try {
      setPhase('uploading');
      const slot = await api.requestUpload(props.appId, checked.data);
      await uploadBytes(slot.upload, file, setProgress);
      setPhase('verifying');
      await api.completeDocument(props.appId, slot.documentId);
      setPhase('verified');
    } catch (err) {
      const verdict = err instanceof ApiError && err.status === 422;
      setPhase(verdict ? 'rejected' : 'failed');
      setMessage(verdict ? i18n.fieldMessage((err as ApiError).fields.file ?? Object.values((err as ApiError).fields)[0] ?? (err as ApiError).message) : errorText(i18n, err));
    } finally {
      await revalidate(getApplication.keyFor(props.appId));
    }
  }

  return (
    <li class="doc-row" data-testid={`doc-${props.kind}`} data-phase={shownPhase()}>
      <div class="doc-head">
        <label for={inputId} class="doc-label">
          {tx('doc', props.kind)} <span class="hint">({props.required ? t('common.required') : t('common.optional')})</span>
        </label>
        <span class={`badge doc-${shownPhase()}`} data-testid={`doc-status-${props.kind}`}>{t(`upload.phase.${shownPhase()}`)}</span>
      </div>
      <Show when={props.editable}>
        <input
          id={inputId}
          type="file"
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          disabled={phase() === 'uploading' || phase() === 'verifying'}
          aria-describedby={`${inputId}-state`}
          onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void upload(f); e.currentTarget.value = ''; }}
        />
      </Show>
      <div id={`${inputId}-state`} class="doc-state" aria-live="polite">
        <Show when={shownName()}><span class="file-name">{shownName()}</span></Show>
        <Show when={phase() === 'uploading' || phase() === 'verifying'}>
          <progress max="1" value={progress()} aria-label={t('upload.progress', { kind: tx('doc', props.kind) })} data-testid={`progress-${props.kind}`} />
          <span>{Math.round(progress() * 100)}%</span>
        </Show>
        <Show when={shownMessage()}><p class="field-error" data-testid={`doc-reason-${props.kind}`}>{shownMessage()}</p></Show>
      </div>
    </li>
  );
}

export default function Documents() {
  const params = useParams<{ id: string }>();
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  const app = createAsync(() => getApplication(params.id));
  const editable = () => app()?.status === 'draft' || app()?.status === 'returned';
  const latest = (kind: DocumentKind) => {
    const docs = (app()?.documents ?? []).filter((d) => d.kind === kind);
    return docs.find((d) => d.status === 'verified') ?? docs[docs.length - 1];
  };

  const submit = action(async (id: string) => api.submit(id), 'submit-application');
  const runSubmit = useAction(submit);
  const submission = useSubmission(submit);

  async function onSubmit() {
    if (submission.pending) return;
    try {
      await runSubmit(params.id);
      navigate(`/applications/${params.id}`);
    } catch { /* shown from submission.error */ }
  }

  return (
    <Show when={app()}>
      {(a) => (
        <section class="panel">
          <h1>{t('documents.title')}</h1>
          <p class="lead">{a().enterprise.name} · <StatusBadge status={a().status} /></p>
          <Show when={a().status === 'returned' && a().returnNote}>
            <div class="alert alert-warn" role="note"><p><strong>{t('application.returnNote')}</strong> {a().returnNote}</p></div>
          </Show>
          <Switch>
            <Match when={!editable()}>
              <p>{t('documents.notEditable')} <A href={`/applications/${a().id}`}>{t('documents.viewStatus')}</A></p>
            </Match>
            <Match when={editable()}>
              <p class="hint">{t('documents.lead')}</p>
              <ul class="doc-list">
                <For each={CORE_DOCUMENT_KINDS}>{(kind) => <DocumentRow appId={a().id} kind={kind} required existing={latest(kind)} editable />}</For>
              </ul>
              <details class="optional-docs">
                <summary>{t('documents.optional')}</summary>
                <ul class="doc-list">
                  <For each={OPTIONAL_KINDS}>{(kind) => <DocumentRow appId={a().id} kind={kind} required={false} existing={latest(kind)} editable />}</For>
                </ul>
              </details>
              <Show when={a().missingDocuments.length}>
                <p class="hint" data-testid="missing-documents">
                  {t('documents.missing', { list: a().missingDocuments.map((k) => tx('doc', k)).join(t('common.listSeparator')) })}
                </p>
              </Show>
              <Show when={submission.error}>{(e) => <ErrorMessage error={e()} />}</Show>
              <div class="actions">
                <button type="button" class="primary" data-testid="submit-application" disabled={submission.pending} onClick={onSubmit}>
                  {submission.pending ? t('documents.submitting') : t('documents.submit')}
                </button>
              </div>
            </Match>
          </Switch>
        </section>
      )}
    </Show>
  );
}
