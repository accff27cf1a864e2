/// <reference types="vite/client" />
/**
 * The borrower's contract: read it as text (the default on a phone) or as the PDF in the page (pdf.js, loaded only
 * here), ask for a one-time code,
 * sign with a drawn or typed signature, then follow the loan centre's review, the bank's seal and the
 * disbursement until the sealed contract can be downloaded.
 */
import { A, action, createAsync, revalidate, useAction, useParams, useSubmission } from '@solidjs/router';
import type { PDFDocumentLoadingTask, PDFPageProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { createEffect, createMemo, createResource, createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import { signContractSchema } from '../../../shared/schemas/application.js';
import { contractStage, PdfDownload, type ContractStage } from '../components/contract-status.js';
import { errorText } from '../components/error-message.js';
import { ChoiceGroup, TextField } from '../components/field.js';
import { SignaturePad, type SignaturePadHandle } from '../components/signature-pad.js';
import { StatusBadge } from '../components/status-badge.js';
import { useI18n, type I18n, type MessageKey } from '../i18n/index.js';
import { api, ApiError, type ApplicationView } from '../lib/api.js';
import { formatDate, formatDateTime, formatFen } from '../lib/format.js';
import '../lib/zod-jitless.js';
import { getApplication } from './applications.data.js';

/** Between two code requests; the API also bounds them (5 per 15 minutes per contract). */
const RESEND_COOLDOWN_MS = 60_000;
const POLL_MS = 1_500;
const WORKING: ContractStage[] = ['reviewing', 'sealing', 'disbursing'];

const codeAction = action((id: string) => api.requestSigningCode(id), 'contract-code');
const signAction = action((id: string, body: Parameters<typeof api.signContract>[1]) => api.signContract(id, body), 'contract-sign');

let pdfjsModule: Promise<typeof import('pdfjs-dist')> | undefined;
/** pdf.js is a few hundred kB: fetched the first time a contract is shown, never with the app's first load. */
function loadPdfjs() {
  pdfjsModule ??= import('pdfjs-dist').then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
    return pdfjs;
  });
  return pdfjsModule;
}

type ContractWords = Awaited<ReturnType<typeof api.contractText>>;

/** Phone width (styles.css's breakpoint): where an A4 page drawn to fit the column prints its words about 5 px high. */
const NARROW = '(max-width: 719px)';

function useNarrow() {
  const query = window.matchMedia(NARROW);
  const [narrow, setNarrow] = createSignal(query.matches);
  const follow = (e: MediaQueryListEvent) => setNarrow(e.matches);
  query.addEventListener('change', follow);
  onCleanup(() => query.removeEventListener('change', follow));
  return narrow;
}

/**
 * The contract's words reflowed at the page's text size (GET …/contract/text: the words the PDF is drawn with), in
 * Chinese as the contract is. The schedule is a table that turns into labelled rows on a phone.
 */
function ContractText(props: { words: ContractWords }) {
  const w = () => props.words;
  return (
    <div class="contract-text" lang="zh-CN" data-testid="contract-text">
      <h3 class="contract-title">{w().title}</h3>
      <p class="contract-no">{w().subtitle}</p>
      <dl class="contract-parties">
        <For each={w().parties}>{(p) => <div><dt>{p.label}</dt><dd>{p.value}</dd></div>}</For>
      </dl>
      <p class="contract-para">{w().preamble}</p>
      <For each={w().articles}>
        {(a) => (
          <section class="contract-article">
            <h4>{a.no} {a.title}</h4>
            <For each={a.paragraphs}>{(p) => <p class="contract-para">{p}</p>}</For>
          </section>
        )}
      </For>
      <p class="contract-closing">{w().closing}</p>
      <dl class="contract-parties">
        <For each={w().signatures}>{(s) => <div><dt>{s.role}</dt><dd>{s.name}</dd></div>}</For>
      </dl>
      <h4 id="contract-annex-h">{w().annex.title}</h4>
      <p>{w().annex.summary}</p>
      <table class="responsive schedule" aria-labelledby="contract-annex-h">
        <thead><tr><For each={w().annex.columns}>{(c, i) => <th scope="col" classList={{ num: i() >= 2 }}>{c}</th>}</For></tr></thead>
        <tbody>
          <For each={w().annex.rows}>
            {(row) => (
              <tr>
                <For each={row}>
                  {(cell, i) => (i() === 0
                    ? <th scope="row" data-label={w().annex.columns[0]}>{cell}</th>
                    : <td data-label={w().annex.columns[i()]} classList={{ num: i() >= 2 }}>{cell}</td>)}
                </For>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <For each={w().annex.totals}>
              {(cell, i) => (i() === 0
                ? <th scope="row">{cell}</th>
                : <td data-label={cell ? w().annex.columns[i()] : undefined} classList={{ num: i() >= 2, 'empty-cell': !cell }}>{cell}</td>)}
            </For>
          </tr>
        </tfoot>
      </table>
      <p class="hint">{w().annex.note}</p>
    </div>
  );
}

/**
 * Two ways to read the same contract: its words reflowed (the default on a phone) or the PDF as it will be signed
 * (the default on a wider screen). A choice the reader makes holds whatever the width.
 */
function ContractViews(props: { id: string; bytes: Uint8Array; labelledBy: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const narrow = useNarrow();
  const [chosen, setChosen] = createSignal<'text' | 'pdf' | null>(null);
  const view = () => chosen() ?? (narrow() ? 'text' : 'pdf');
  const [words, { refetch }] = createResource(() => props.id, (id) => api.contractText(id));
  return (
    <>
      <div class="view-switch" role="group" aria-label={t('contract.view.label')} data-testid="contract-view">
        <button type="button" aria-pressed={view() === 'text'} data-testid="view-text" onClick={() => setChosen('text')}>{t('contract.view.text')}</button>
        <button type="button" aria-pressed={view() === 'pdf'} data-testid="view-pdf" onClick={() => setChosen('pdf')}>{t('contract.view.pdf')}</button>
      </div>
      <div hidden={view() !== 'text'}>
        <Switch fallback={<p class="loading" role="status">{t('contract.reader.loading')}</p>}>
          <Match when={words.state === 'errored'}>
            <div class="alert alert-error" role="alert" data-testid="text-error">
              <p>{errorText(i18n, words.error)}</p>
              <button type="button" onClick={() => void refetch()}>{t('common.retry')}</button>
            </div>
          </Match>
          <Match when={words.state === 'ready' && words()}>{(w) => <ContractText words={w()} />}</Match>
        </Switch>
      </div>
      <div hidden={view() !== 'pdf'}>
        <PdfReader bytes={props.bytes} labelledBy={props.labelledBy} />
      </div>
    </>
  );
}

/** The API's refusal in the page's language, with the attempts left or the wait when the API states them. */
function contractErrorText(i18n: I18n, err: unknown): string {
  if (!(err instanceof ApiError)) return errorText(i18n, err);
  const known = i18n.tx('contract.error', err.code);
  if (known === err.code) return errorText(i18n, err);
  const left = err.attemptsLeft ?? /(\d+) attempt/.exec(err.message)?.[1];
  const wait = /in (\d+) s\b/.exec(err.message)?.[1];
  return [
    known,
    left ? i18n.t('contract.otp.attemptsLeft', { n: left }) : err.code === 'otp-invalid' ? i18n.t('contract.error.otp-locked') : '',
    wait ? i18n.t('contract.otp.retryIn', { n: wait }) : '',
  ].filter(Boolean).join(' ');
}

function Alert(props: { text: string; testid: string }) {
  return <div class="alert alert-error" role="alert" data-testid={props.testid}><p>{props.text}</p></div>;
}

/** Every page on a canvas, with pdf.js's text layer over it: selectable, searchable and read by screen readers. */
function PdfReader(props: { bytes: Uint8Array; labelledBy: string }) {
  const { t } = useI18n();
  let host!: HTMLDivElement;
  const [pages, setPages] = createSignal(0);
  const [busy, setBusy] = createSignal(true);
  const [failed, setFailed] = createSignal(false);

  async function renderPage(pdfjs: typeof import('pdfjs-dist'), page: PDFPageProxy, total: number) {
    const pageWidth = page.getViewport({ scale: 1 }).width;
    const scale = (host.clientWidth || pageWidth) / pageWidth;
    const viewport = page.getViewport({ scale });
    const ratio = Math.min(window.devicePixelRatio || 1, 2);

    const wrap = document.createElement('div');
    wrap.className = 'pdf-page';
    wrap.setAttribute('role', 'group');
    wrap.setAttribute('aria-label', t('contract.reader.page', { n: page.pageNumber, total }));
    wrap.dataset.pageWidth = String(pageWidth);
    wrap.style.setProperty('--scale-factor', String(scale));
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    // The text layer carries the words; the picture of them would only be announced twice.
    canvas.setAttribute('aria-hidden', 'true');
    const text = document.createElement('div');
    text.className = 'textLayer';
    wrap.append(canvas, text);
    host.append(wrap);

    await page.render({ canvasContext: canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: text, viewport }).render();
    wrap.dataset.rendered = 'true';
  }

  onMount(() => {
    let task: PDFDocumentLoadingTask | undefined;
    let stopped = false;
    // The canvases stretch with the column; the text layer follows through its --scale-factor.
    const observer = new ResizeObserver(() => {
      for (const wrap of host.querySelectorAll<HTMLElement>('.pdf-page')) {
        wrap.style.setProperty('--scale-factor', String(wrap.clientWidth / Number(wrap.dataset.pageWidth)));
      }
    });
    observer.observe(host);
    onCleanup(() => { stopped = true; observer.disconnect(); void task?.destroy(); });

    void (async () => {
      const pdfjs = await loadPdfjs();
      // A copy: pdf.js hands its buffer to the worker, and the page keeps the bytes for the download.
      // No eval: the CSP forbids it, and pdf.js would otherwise probe for it (a reported violation).
      task = pdfjs.getDocument({ data: props.bytes.slice(), isEvalSupported: false });
      const doc = await task.promise;
      setPages(doc.numPages);
      for (let n = 1; n <= doc.numPages && !stopped; n++) await renderPage(pdfjs, await doc.getPage(n), doc.numPages);
    })().catch(() => { if (!stopped) setFailed(true); }).finally(() => setBusy(false));
  });

  return (
    <div class="pdf-reader" aria-busy={busy()} data-testid="pdf-reader" data-pages={pages()} data-done={busy() ? 'false' : 'true'}>
      <Show when={busy()}><p class="loading" role="status">{t('contract.reader.loading')}</p></Show>
      <Show when={pages()}><p class="hint">{t('contract.reader.pages', { n: pages() })}</p></Show>
      <Show when={failed()}><Alert text={t('contract.reader.failed')} testid="reader-failed" /></Show>
      {/* Scrolls on its own, so it takes the focus: keyboard users scroll it with the arrow keys. */}
      <div class="pdf-pages" ref={host} lang="zh-CN" tabindex="0" role="region" aria-labelledby={props.labelledBy} />
    </div>
  );
}

function CodeRequest(props: { app: ApplicationView; onSent: () => void }) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const requestCode = useAction(codeAction);
  const sending = useSubmission(codeAction);
  // On this device's clock, which may differ from the server's: a code sent before a reload counts from then at the latest.
  const sentBefore = props.app.contract?.codeSentAt;
  const [sentAt, setSentAt] = createSignal(sentBefore ? Math.min(Date.parse(sentBefore), Date.now()) : 0);
  const [now, setNow] = createSignal(Date.now());
  const wait = () => Math.max(0, Math.ceil((sentAt() + RESEND_COOLDOWN_MS - now()) / 1000));
  const cooling = createMemo(() => wait() > 0);
  const expiresAt = () => props.app.contract?.codeExpiresAt ?? null;

  createEffect(() => {
    if (!cooling()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    onCleanup(() => clearInterval(timer));
  });

  async function send() {
    try {
      await requestCode(props.app.id);
      setSentAt(Date.now());
      setNow(Date.now());
      props.onSent();
    } catch { /* shown from the submission */ }
  }

  return (
    <div class="otp-request">
      <button type="button" data-testid="request-code" disabled={sending.pending || cooling()} onClick={send}>
        {sending.pending ? t('contract.otp.sending') : cooling() ? t('contract.otp.wait', { n: wait() }) : sentAt() ? t('contract.otp.resend') : t('contract.otp.request')}
      </button>
      <p class="hint" role="status" data-testid="code-status">
        <Show when={expiresAt() && Date.parse(expiresAt()!) > now()}>{t('contract.otp.sent', { time: formatDateTime(expiresAt(), locale()) })}</Show>
      </p>
      <Show when={sending.error}>{(err) => <Alert text={contractErrorText(i18n, err())} testid="code-error" />}</Show>
    </div>
  );
}

function SignForm(props: { app: ApplicationView; onSigned: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const sign = useAction(signAction);
  const signing = useSubmission(signAction);
  let pad: SignaturePadHandle | undefined;
  let otpInput: HTMLInputElement | undefined;
  const [method, setMethod] = createSignal<'drawn' | 'typed'>('drawn');
  const [name, setName] = createSignal('');
  const [otp, setOtp] = createSignal('');
  const [errors, setErrors] = createSignal<{ otp?: string; signature?: string; name?: string; general?: string }>({});

  /** Puts each refusal next to what it is about; the code field gets the focus so it is announced. */
  function show(err: unknown) {
    const fields = err instanceof ApiError ? err.fields : {};
    const code = err instanceof ApiError ? err.code : '';
    const text = contractErrorText(i18n, err);
    if (fields.otp || code.startsWith('otp-')) {
      setErrors({ otp: text });
      otpInput?.select();
    } else if (fields['signature.png'] || code === 'invalid-signature') setErrors({ signature: text });
    else if (fields['signature.text']) setErrors({ name: i18n.fieldMessage(fields['signature.text']) });
    else setErrors({ general: text });
  }

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    const found: ReturnType<typeof errors> = {};
    const png = method() === 'drawn' ? pad?.toPng() ?? null : null;
    if (method() === 'drawn' && !png) found.signature = t('contract.signature.empty');
    if (method() === 'typed' && !name().trim()) found.name = t('contract.signature.nameRequired');
    const code = otp().trim();
    // The same rule the API applies (shared schema): six digits.
    if (!code) found.otp = t('contract.otp.required');
    else if (!signContractSchema.shape.otp.safeParse(code).success) found.otp = t('contract.otp.format');
    setErrors(found);
    if (Object.keys(found).length) {
      if (found.otp && !found.signature && !found.name) otpInput?.focus();
      return;
    }
    try {
      await sign(props.app.id, { signature: png ? { type: 'drawn', png } : { type: 'typed', text: name().trim() }, otp: code });
      props.onSigned();
    } catch (err) {
      show(err);
    }
  }

  return (
    <section class="sign-box" aria-labelledby="sign-h" data-testid="sign-form">
      <h2 id="sign-h">{t('contract.sign.title')}</h2>
      <form class="form" onSubmit={onSubmit} noValidate>
        <ChoiceGroup path="signature.type" type="radio" legend={t('contract.signature.legend')}
          options={[{ value: 'drawn', label: t('contract.signature.drawn') }, { value: 'typed', label: t('contract.signature.typed') }]}
          isChecked={(v) => method() === v} onToggle={(v, on) => { if (on) { setMethod(v as 'drawn' | 'typed'); setErrors({}); } }} />
        <Show when={method() === 'drawn'} fallback={
          <TextField path="signature.text" label={t('contract.signature.name')} hint={t('contract.signature.nameHint')}
            value={name()} onInput={setName} error={errors().name} maxLength={60} autocomplete="name" data-testid="typed-name" />
        }>
          <SignaturePad id="signature-pad" label={t('contract.signature.padLabel')} hint={t('contract.signature.padHint')}
            clearLabel={t('contract.signature.clear')} error={errors().signature}
            stateText={(empty) => t(empty ? 'contract.signature.padEmpty' : 'contract.signature.padInked')}
            ref={(h) => { pad = h; }} onChange={() => setErrors((e) => ({ ...e, signature: undefined }))} />
        </Show>

        <CodeRequest app={props.app} onSent={() => { setErrors((e) => ({ ...e, otp: undefined })); otpInput?.focus(); }} />
        <TextField path="otp" label={t('contract.otp.label')} hint={t('contract.otp.hint')} value={otp()}
          onInput={(v) => setOtp(v.replace(/\D/g, '').slice(0, 6))} error={errors().otp}
          ref={(el: HTMLInputElement) => { otpInput = el; }}
          inputMode="numeric" autocomplete="one-time-code" maxLength={6} pattern="[0-9]{6}" data-testid="otp" />

        <p class="hint">{t('contract.sign.agree')}</p>
        <Show when={errors().general}>{(text) => <Alert text={text()} testid="sign-error" />}</Show>
        <button type="submit" class="primary" data-testid="sign" disabled={signing.pending} aria-busy={signing.pending}>
          {signing.pending ? t('contract.sign.submitting') : t('contract.sign.submit')}
        </button>
      </form>
    </section>
  );
}

const STEPS = [
  { key: 'signed', at: (a: ApplicationView) => a.contract?.signedAt },
  { key: 'reviewed', at: (a: ApplicationView) => a.contract?.reviewedAt },
  { key: 'sealed', at: (a: ApplicationView) => a.contract?.sealedAt },
  { key: 'disbursed', at: (a: ApplicationView) => a.contract?.disbursedAt },
] as const;

/** `focus`: just signed, so the heading takes the focus and a screen reader hears where things stand. */
function Progress(props: { app: ApplicationView; stage: ContractStage; focus?: boolean }) {
  const { t, locale } = useI18n();
  let heading!: HTMLHeadingElement;
  onMount(() => { if (props.focus) heading.focus(); });
  const firstOpen = () => STEPS.findIndex((s) => !s.at(props.app));
  const state = (i: number) => (i < firstOpen() || firstOpen() < 0 ? 'done' : i === firstOpen() && props.stage !== 'review-failed' ? 'current' : 'todo');
  return (
    <section aria-labelledby="progress-h" data-testid="contract-progress">
      <h2 id="progress-h" tabindex="-1" ref={heading}>{t('contract.progress.title')}</h2>
      <ol class="contract-steps">
        <For each={STEPS}>
          {(s, i) => (
            <li data-step={s.key} data-state={state(i())} aria-current={state(i()) === 'current' ? 'step' : undefined}>
              <span class="step-name">{t(`contract.step.${s.key}` as MessageKey)}</span>
              <span class="sub">
                {t(`contract.step.${state(i())}` as MessageKey)}
                <Show when={s.at(props.app)}>{(at) => <> · <time datetime={at()}>{formatDateTime(at(), locale())}</time></>}</Show>
              </span>
            </li>
          )}
        </For>
      </ol>
      <p aria-live="polite" data-testid="contract-progress-text">
        <Switch>
          <Match when={props.stage === 'review-failed'}><span class="alert alert-warn" role="note">{t('contract.reviewFailed')}</span></Match>
          <Match when={WORKING.includes(props.stage)}>{t('contract.progress.working')}</Match>
          <Match when={props.stage === 'active'}>
            <strong data-testid="contract-active">{t('contract.active', { amount: formatFen(props.app.contract?.disbursement?.amount ?? props.app.loan.amount, locale()) })}</strong>
          </Match>
        </Switch>
      </p>
      <Show when={props.app.contract?.sealedAt}>
        <p>{t('contract.sealed')}</p>
        <PdfDownload testid="download-sealed" primary label={t('contract.downloadSealed')}
          fileName={`${props.app.contract!.contractNo}-sealed.pdf`} fetch={() => api.sealedContractPdf(props.app.id)} />
      </Show>
    </section>
  );
}

/** After an approval by people the contract is drawn by a workflow in a few seconds: wait for it quietly. */
async function contractWhenReady(id: string): Promise<Uint8Array> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.contractPdf(id);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 'contract-being-prepared') || attempt >= 30) throw err;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

export default function Contract() {
  const params = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t, tx, locale } = i18n;
  const app = createAsync(() => getApplication(params.id));
  const stage = () => (app() ? contractStage(app()!) : 'unavailable');
  const [pdf, { refetch }] = createResource(() => (stage() === 'to-sign' ? params.id : false), (id) => contractWhenReady(id));
  const [justSigned, setJustSigned] = createSignal(false);

  // The review, seal and payout run as a workflow after signing: refresh until it is done.
  createEffect(() => {
    if (!WORKING.includes(stage())) return;
    const timer = setInterval(() => { void revalidate(getApplication.keyFor(params.id)); }, POLL_MS);
    onCleanup(() => clearInterval(timer));
  });

  return (
    <Show when={app()}>
      {(a) => (
        <article class="panel contract" data-testid="contract" data-stage={stage()} aria-busy={WORKING.includes(stage())}>
          <p><A href={`/applications/${a().id}`}>← {t('contract.back')}</A></p>
          <div class="page-head">
            <h1>{t('contract.title')}</h1>
            <StatusBadge status={a().status} testid="application-status" />
          </div>
          <dl class="facts">
            <div><dt>{t('field.enterprise.name')}</dt><dd>{a().enterprise.name}</dd></div>
            <Show when={a().contract}>
              {(c) => <>
                <div><dt>{t('contract.no')}</dt><dd data-testid="contract-no">{c().contractNo}</dd></div>
                <div><dt>{t('contract.date')}</dt><dd>{formatDate(c().contractDate, locale())}</dd></div>
              </>}
            </Show>
            <div><dt>{t('field.loan.product')}</dt><dd>{tx('product', a().loan.product)}</dd></div>
            <div><dt>{t('field.loan.amount')}</dt><dd>{formatFen(a().loan.amount, locale())}</dd></div>
            <div><dt>{t('contract.stageLabel')}</dt><dd data-testid="contract-stage">{t(`contract.stage.${stage()}` as MessageKey)}</dd></div>
          </dl>

          <Switch>
            <Match when={stage() === 'unavailable'}>
              <p class="lead">{t('contract.unavailable')}</p>
            </Match>
            <Match when={stage() === 'to-sign'}>
              <p class="lead">{t('contract.lead')}</p>
              <section aria-labelledby="reader-h">
                <h2 id="reader-h">{t('contract.reader.title')}</h2>
                <Switch fallback={<p class="loading" role="status">{t('contract.reader.loading')}</p>}>
                  <Match when={pdf.state === 'errored'}>
                    <div class="alert alert-error" role="alert" data-testid="error">
                      <p>{errorText(i18n, pdf.error)}</p>
                      <button type="button" onClick={() => void refetch()}>{t('common.retry')}</button>
                    </div>
                  </Match>
                  <Match when={pdf.state === 'ready' && pdf()}>
                    {(bytes) => (
                      <>
                        <PdfDownload testid="download-contract" label={t('contract.download')}
                          fileName={`${a().contract?.contractNo ?? a().id}.pdf`} fetch={async () => bytes()} />
                        <ContractViews id={a().id} bytes={bytes()} labelledBy="reader-h" />
                      </>
                    )}
                  </Match>
                </Switch>
              </section>
              <SignForm app={a()} onSigned={() => setJustSigned(true)} />
            </Match>
            <Match when={true}>
              <Progress app={a()} stage={stage()} focus={justSigned()} />
            </Match>
          </Switch>
        </article>
      )}
    </Show>
  );
}
