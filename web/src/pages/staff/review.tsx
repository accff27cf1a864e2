/**
 * One application for staff: the customer portrait (profile, ratios, assessment), documents, the review
 * chain so far, and the actions of this stage: claim, give an opinion, or vote in committee.
 * The API says what the caller may do (`can`, from the same shared rule it enforces): the page shows a form only
 * then, and otherwise says why not. A committee case shows its live tally against the quorum.
 */
import { A, action, createAsync, useAction, useParams, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { contractStage, PdfDownload } from '../../components/contract-status.js';
import { DecisionPanel, OfferPanel } from '../../components/decision.js';
import { ErrorMessage } from '../../components/error-message.js';
import { ChoiceGroup, TextAreaField } from '../../components/field.js';
import { StatusBadge } from '../../components/status-badge.js';
import { Timeline } from '../../components/timeline.js';
import { useI18n, type MessageKey } from '../../i18n/index.js';
import { api, type ApplicationView, type DocumentView } from '../../lib/api.js';
import { formatDate, formatDateTime, formatFen, formatPercent } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { getApplication } from '../applications.data.js';

const claimAction = action(async (id: string) => api.claim(id), 'staff-claim');
const opinionAction = action(async (id: string, opinion: 'approve' | 'reject' | 'return', comment: string) => api.opinion(id, opinion, comment), 'staff-opinion');
const voteAction = action(async (id: string, vote: 'for' | 'against', comment: string) => api.vote(id, vote, comment), 'staff-vote');
const releaseAction = action(async (id: string) => api.release(id), 'staff-release');

type Tally = NonNullable<ApplicationView['tally']>;

/** The committee's count as it stands: for, against, eligible, recused, and how far from the quorum. */
function TallyPanel(props: { tally: Tally }) {
  const { t } = useI18n();
  const x = () => props.tally;
  return (
    <section class="tally" aria-labelledby="tally-h" data-testid="committee-tally" data-for={x().for} data-against={x().against}
      data-quorum={x().quorum} data-eligible={x().eligible ?? ''} data-recused={x().recused} data-decided={String(x().decided)}>
      <h3 id="tally-h">{t('staff.tally.title')} · {x().seat === 'branch' ? t('staff.tally.seatBranch', { branch: x().branch ?? '' }) : t('staff.tally.seatHeadOffice')}</h3>
      <dl class="facts">
        <div><dt>{t('staff.tally.for')}</dt><dd data-testid="tally-for">{x().for}</dd></div>
        <div><dt>{t('staff.tally.against')}</dt><dd data-testid="tally-against">{x().against}</dd></div>
        <div><dt>{t('staff.tally.cast')}</dt><dd>{x().cast}</dd></div>
        <div><dt>{t('staff.tally.eligible')}</dt><dd data-testid="tally-eligible">{x().eligible ?? t('staff.tally.eligibleOpen')}</dd></div>
        <div><dt>{t('staff.tally.recused')}</dt><dd data-testid="tally-recused">{x().recused}</dd></div>
        <div><dt>{t('staff.tally.quorum')}</dt><dd data-testid="tally-quorum">{x().quorum}</dd></div>
      </dl>
      <p class="hint" aria-live="polite" data-testid="tally-status">
        {x().toQuorum > 0 ? t('staff.tally.toQuorum', { n: x().toQuorum }) : t('staff.tally.quorumReached')}
        {' · '}{t('staff.tally.majority', { n: x().majorityNeeded })}
      </p>
    </section>
  );
}

/** A verified document opens through a 5-minute staff link (an attachment download). */
function DocumentOpen(props: { appId: string; doc: DocumentView }) {
  const { t, tx } = useI18n();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>();
  async function open() {
    setBusy(true);
    setError(undefined);
    try {
      const { url } = await api.staffDocumentLink(props.appId, props.doc.documentId);
      window.location.assign(url);
    } catch (e) { setError(e); } finally { setBusy(false); }
  }
  return (
    <>
      <button type="button" class="link-button" data-testid="open-document" data-document={props.doc.documentId} disabled={busy()} onClick={open}
        aria-label={`${t('staff.document.open')} ${tx('doc', props.doc.kind)} · ${props.doc.fileName}`}>
        {busy() ? t('staff.document.opening') : t('staff.document.open')}
      </button>
      <Show when={error()}>{(err) => <ErrorMessage error={err()} />}</Show>
    </>
  );
}

function Portrait(props: { app: ApplicationView }) {
  const { t, tx, locale } = useI18n();
  const e = () => props.app.enterprise;
  const f = () => props.app.enterprise.financials;
  const ratio = (num: number, den: number) => (den > 0 ? formatPercent(num / den, locale()) : '—');
  const a = () => props.app.decision?.assessment;
  return (
    <section aria-labelledby="portrait-h" class="portrait">
      <h2 id="portrait-h">{t('staff.portrait')}</h2>
      <dl class="facts">
        <div><dt>{t('field.enterprise.creditCode')}</dt><dd>{e().creditCode}</dd></div>
        {/* The registry's, recorded when the application was made (older records have none). */}
        <Show when={e().legalRepresentative}>
          {(r) => <div><dt>{t('field.enterprise.legalRepresentative')}</dt><dd data-testid="legal-representative">{r().name}</dd></div>}
        </Show>
        <div><dt>{t('field.enterprise.industry')}</dt><dd>{tx('industry', e().industry)}</dd></div>
        <div><dt>{t('field.enterprise.establishedOn')}</dt><dd>{formatDate(e().establishedOn, locale())}</dd></div>
        <div><dt>{t('field.enterprise.employees')}</dt><dd>{e().employees}</dd></div>
        <div><dt>{t('field.enterprise.techStaff')}</dt><dd>{e().techStaff} ({ratio(e().techStaff, e().employees)})</dd></div>
        <div><dt>{t('field.enterprise.labels')}</dt><dd>{e().labels.length ? e().labels.map((l) => tx('label', l)).join(t('common.listSeparator')) : '—'}</dd></div>
        <Show when={e().address}><div><dt>{t('field.enterprise.address')}</dt><dd>{e().address}</dd></div></Show>
      </dl>
      <h3>{t('staff.financials')}</h3>
      <dl class="facts">
        <div><dt>{t('field.financials.revenue')}</dt><dd>{formatFen(f().revenue, locale())}</dd></div>
        <div><dt>{t('field.financials.totalAssets')}</dt><dd>{formatFen(f().totalAssets, locale())}</dd></div>
        <div><dt>{t('field.financials.totalLiabilities')}</dt><dd>{formatFen(f().totalLiabilities, locale())}</dd></div>
        <div><dt>{t('field.financials.netProfit')}</dt><dd>{formatFen(f().netProfit, locale())}</dd></div>
        <div><dt>{t('field.financials.rdExpense')}</dt><dd>{formatFen(f().rdExpense, locale())}</dd></div>
        <div><dt>{t('staff.ratio.debt')}</dt><dd>{ratio(f().totalLiabilities, f().totalAssets)}</dd></div>
        <div><dt>{t('staff.ratio.margin')}</dt><dd>{ratio(f().netProfit, f().revenue)}</dd></div>
        <div><dt>{t('staff.ratio.rd')}</dt><dd>{ratio(f().rdExpense, f().revenue)}</dd></div>
      </dl>
      <Show when={a()}>
        {(s) => (
          <>
            <h3>{t('staff.assessment')}</h3>
            <dl class="facts" data-testid="assessment">
              <div><dt>{t('staff.healthIndex')}</dt><dd>{s().healthIndex}</dd></div>
              <div><dt>{t('staff.band')}</dt><dd><span class={`band band-${s().band}`}>{tx('band', s().band)}</span></dd></div>
              <div><dt>{t('staff.stratClass')}</dt><dd>{s().stratClass}</dd></div>
              <div><dt>{t('staff.innovationPoints')}</dt><dd>{s().innovationPoints}</dd></div>
            </dl>
          </>
        )}
      </Show>
    </section>
  );
}

/** The contract: where it stands, the loan centre's automatic checks, step times, and both PDFs fetched with the token. */
function ContractSection(props: { app: ApplicationView }) {
  const { t, locale } = useI18n();
  const c = () => props.app.contract!;
  const check = () => c().loanCentreCheck;
  return (
    <section aria-labelledby="contract-h" class="review-box" data-testid="staff-contract" data-stage={contractStage(props.app)}>
      <h2 id="contract-h">{t('contract.staff.title')}</h2>
      <dl class="facts">
        <div><dt>{t('contract.no')}</dt><dd>{c().contractNo}</dd></div>
        <div><dt>{t('contract.stageLabel')}</dt><dd data-testid="staff-contract-stage">{t(`contract.stage.${contractStage(props.app)}` as MessageKey)}</dd></div>
        <div><dt>{t('contract.signedAt')}</dt><dd>{formatDateTime(c().signedAt, locale())}</dd></div>
        <div><dt>{t('contract.reviewedAt')}</dt><dd>{formatDateTime(c().reviewedAt, locale())}</dd></div>
        <div><dt>{t('contract.sealedAt')}</dt><dd data-testid="staff-sealed-at">{formatDateTime(c().sealedAt, locale())}</dd></div>
        <div><dt>{t('contract.disbursedAt')}</dt><dd>{formatDateTime(c().disbursedAt, locale())}</dd></div>
        <Show when={c().disbursement}>{(d) => <div><dt>{t('contract.staff.transaction')}</dt><dd>{d().transactionId}</dd></div>}</Show>
      </dl>
      <h3>{t('contract.staff.check')}</h3>
      <Show when={check()?.checks} fallback={<p class="hint">{t('contract.staff.checkNotYet')}</p>}>
        {(checks) => (
          <ul class="checks" data-testid="loan-centre-checks" data-outcome={check()!.outcome}>
            <For each={checks()}>
              {(k) => {
                const verdict = () => (k.passed === null ? 'pending' : k.passed ? 'passed' : 'failed');
                return (
                  <li data-code={k.code} data-result={verdict()}>
                    <span class={`check check-${verdict()}`}>{t(`contract.check.${verdict()}` as MessageKey)}</span> {t(`contract.check.${k.code}` as MessageKey)}
                    <Show when={k.message}><span class="sub">{k.message}</span></Show>
                  </li>
                );
              }}
            </For>
          </ul>
        )}
      </Show>
      <dl class="facts">
        <Show when={c().signedSha256}>{(h) => <div><dt>{t('contract.staff.signedHash')}</dt><dd><code>{h()}</code></dd></div>}</Show>
        <Show when={c().sealedSha256}>{(h) => <div><dt>{t('contract.staff.sealedHash')}</dt><dd><code>{h()}</code></dd></div>}</Show>
      </dl>
      <div class="actions">
        <PdfDownload testid="staff-download-contract" label={t('contract.staff.unsigned')} fileName={`${c().contractNo}.pdf`} fetch={() => api.contractPdf(props.app.id)} />
        <Show when={c().sealedAt}>
          <PdfDownload testid="staff-download-sealed" label={t('contract.staff.sealed')} fileName={`${c().contractNo}-sealed.pdf`} fetch={() => api.sealedContractPdf(props.app.id)} />
        </Show>
      </div>
    </section>
  );
}

export default function Review() {
  const params = useParams<{ id: string }>();
  const i18n = useI18n();
  const { t, tx, locale } = i18n;
  const session = useSession();
  const app = createAsync(() => getApplication(params.id));

  const claim = useAction(claimAction);
  const giveOpinion = useAction(opinionAction);
  const castVote = useAction(voteAction);
  const release = useAction(releaseAction);
  const releasing = useSubmission(releaseAction);
  const claiming = useSubmission(claimAction);
  const opining = useSubmission(opinionAction);
  const voting = useSubmission(voteAction);

  const [opinion, setOpinion] = createSignal<'approve' | 'reject' | 'return'>('approve');
  const [vote, setVote] = createSignal<'for' | 'against'>('for');
  const [comment, setComment] = createSignal('');
  const [commentError, setCommentError] = createSignal<string>();

  const review = () => app()?.review ?? null;
  const inReview = () => app()?.status === 'in-review';
  const can = () => app()?.can;
  const mine = () => Boolean(review()?.claimedBy) && review()?.claimedBy === session.me()?.username;
  /** Why the caller cannot act at this stage, in the page's language: the opinion's refusal, or the vote's at the committee. */
  const cannotAct = () => {
    const c = can();
    if (!c || c.opine || c.vote) return null;
    const why = review()?.stage === 'committee' ? c.why.vote : c.why.opine;
    if (!why) return null;
    const known = tx('error', why.code);
    return locale() === 'en' ? why.message : known !== why.code ? known : why.message;
  };

  async function onOpinion(e: SubmitEvent) {
    e.preventDefault();
    setCommentError(undefined);
    if (!comment().trim()) { setCommentError(opinion() === 'return' ? t('staff.returnNeedsComment') : t('staff.commentRequired')); return; }
    try { await giveOpinion(params.id, opinion(), comment().trim()); setComment(''); } catch { /* shown from the submission */ }
  }
  async function onVote(e: SubmitEvent) {
    e.preventDefault();
    try { await castVote(params.id, vote(), comment().trim()); setComment(''); } catch { /* shown from the submission */ }
  }

  return (
    <Show when={app()}>
      {(a) => (
        <article class="panel wide" data-testid="staff-application">
          <p><A href="/staff">← {t('staff.backToQueue')}</A></p>
          <div class="page-head">
            <h1>{a().enterprise.name}</h1>
            <StatusBadge status={a().status} testid="application-status" />
          </div>
          <dl class="facts">
            <div><dt>{t('field.loan.product')}</dt><dd>{tx('product', a().loan.product)}</dd></div>
            <div><dt>{t('field.loan.amount')}</dt><dd>{formatFen(a().loan.amount, locale())}</dd></div>
            <div><dt>{t('field.loan.termMonths')}</dt><dd>{t('common.months', { n: a().loan.termMonths })}</dd></div>
            <div><dt>{t('field.loan.repaymentMethod')}</dt><dd>{tx('repayment', a().loan.repaymentMethod)}</dd></div>
            <div><dt>{t('field.loan.purpose')}</dt><dd>{a().loan.purpose}</dd></div>
            <div><dt>{t('application.branch')}</dt><dd>{a().branch ? (locale() === 'zh-CN' ? a().branch!.nameZh : a().branch!.name) : '—'}</dd></div>
            <div><dt>{t('application.submittedAt')}</dt><dd>{formatDateTime(a().submittedAt, locale())}</dd></div>
            <div><dt>{t('staff.assignee')}</dt><dd>{a().assignee ?? '—'}</dd></div>
          </dl>

          <Show when={inReview()}>
            <section class="review-box" aria-labelledby="review-h" data-testid="review-box">
              <h2 id="review-h">{t('staff.review')}</h2>
              <dl class="facts">
                <div><dt>{t('staff.stage')}</dt><dd data-testid="review-stage" data-stage={review()?.stage ?? 'review'}>{tx('stage', review()?.stage ?? 'review')}</dd></div>
                {/* A committee is not claimed: its members vote. */}
                <Show when={review()?.stage !== 'committee'}>
                  <div><dt>{t('staff.claimedBy')}</dt><dd data-testid="claimed-by">{review()?.claimedBy ?? t('staff.unclaimed')}</dd></div>
                </Show>
              </dl>
              <Show when={a().waitingFor}>{(role) => <p class="sub" data-testid="waiting-for" data-role={role()}>{t('staff.waitingFor')}: {tx('role', role())}</p>}</Show>
              <Show when={can()?.claim}>
                <button type="button" class="primary" data-testid="claim" disabled={claiming.pending} onClick={() => claim(params.id).catch(() => {})}>
                  {t('staff.claim')}
                </button>
              </Show>
              <Show when={mine()}><p class="hint">{t('staff.youClaimed')}</p></Show>
              <Show when={can()?.release && review()?.claimedBy}>
                <button type="button" data-testid="release" disabled={releasing.pending} onClick={() => release(params.id).catch(() => {})}>{t('staff.release')}</button>
              </Show>
              <Show when={claiming.error}>{(err) => <ErrorMessage error={err()} />}</Show>
              <Show when={releasing.error}>{(err) => <ErrorMessage error={err()} />}</Show>
              <Show when={cannotAct()}>{(why) => <p class="hint" data-testid="cannot-act">{t('staff.cannotAct', { why: why() })}</p>}</Show>

              <Show when={a().tally}>{(x) => <TallyPanel tally={x()} />}</Show>

              <Show when={can()?.vote}>
                <form class="form" onSubmit={onVote} data-testid="vote-form">
                  <ChoiceGroup path="vote" type="radio" legend={t('staff.yourVote')}
                    options={(['for', 'against'] as const).map((v) => ({ value: v, label: tx('vote', v) }))}
                    isChecked={(v) => vote() === v} onToggle={(v, on) => on && setVote(v as 'for' | 'against')} />
                  <TextAreaField path="comment" label={t('staff.comment')} value={comment()} onInput={setComment} maxLength={2000} />
                  <Show when={voting.error}>{(err) => <ErrorMessage error={err()} />}</Show>
                  <button type="submit" class="primary" data-testid="cast-vote" disabled={voting.pending}>{t('staff.castVote')}</button>
                </form>
              </Show>
              <Show when={can()?.opine}>
                <form class="form" onSubmit={onOpinion} data-testid="opinion-form" noValidate>
                  <ChoiceGroup path="opinion" type="radio" legend={t('staff.yourOpinion')}
                    options={(['approve', 'reject', 'return'] as const).map((v) => ({ value: v, label: tx('opinion', v) }))}
                    isChecked={(v) => opinion() === v} onToggle={(v, on) => on && setOpinion(v as 'approve' | 'reject' | 'return')} />
                  <TextAreaField path="comment" label={t('staff.comment')} hint={t('staff.commentHintRequired')} value={comment()} onInput={setComment}
                    error={commentError() ?? i18n.fieldMessage((opining.error as { fields?: Record<string, string> } | undefined)?.fields?.comment)} maxLength={2000} />
                  <Show when={opining.error}>{(err) => <ErrorMessage error={err()} />}</Show>
                  <button type="submit" class="primary" data-testid="give-opinion" disabled={opining.pending}>{t('staff.giveOpinion')}</button>
                </form>
              </Show>

              <Show when={review()?.opinions.length}>
                <h3>{t('staff.opinions')}</h3>
                <ul class="opinions" data-testid="opinions">
                  <For each={review()!.opinions}>
                    {(o) => <li><strong>{tx('stage', o.stage)}</strong> · {o.by} · {tx('opinion', o.opinion)}<Show when={o.comment}> — “{o.comment}”</Show> <span class="sub">{formatDateTime(o.at, locale())}</span></li>}
                  </For>
                </ul>
              </Show>
              <Show when={review()?.votes.length}>
                <h3>{t('staff.votes')}</h3>
                <ul class="opinions" data-testid="votes">
                  <For each={review()!.votes}>{(v) => <li>{v.by} · {tx('vote', v.vote)}<Show when={v.comment}> — “{v.comment}”</Show></li>}</For>
                </ul>
              </Show>
            </section>
          </Show>

          <Portrait app={a()} />
          <Show when={a().decision}>{(d) => <DecisionPanel decision={d()} staff />}</Show>
          <Show when={a().offer}>{(o) => <OfferPanel offer={o()} />}</Show>
          <Show when={a().contract}><ContractSection app={a()} /></Show>

          <section aria-labelledby="docs-h">
            <h2 id="docs-h">{t('documents.title')}</h2>
            <Show when={a().documents.length} fallback={<p class="empty">{t('staff.noDocuments')}</p>}>
              <ul class="doc-list">
                <For each={a().documents}>
                  {(d) => (
                    <li class="doc-row">
                      <span>{tx('doc', d.kind)} · {d.fileName}</span>
                      <span class={`badge doc-${d.status}`}>{tx('docStatus', d.status)}</span>
                      <Show when={d.sha256}><code class="sub" title="SHA-256">{d.sha256!.slice(0, 16)}…</code></Show>
                      <Show when={d.status === 'verified'}><DocumentOpen appId={a().id} doc={d} /></Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>

          <section aria-labelledby="timeline-h">
            <h2 id="timeline-h">{t('application.timeline')}</h2>
            <Timeline events={a().events} showDetail />
          </section>
        </article>
      )}
    </Show>
  );
}
