/**
 * 我的贷款: each loan's balance, the next payment highlighted, the schedule with its status, the repayments, an
 * early-repayment quote for a chosen day (full or part, shorter term or lower instalment) and its execution, and
 * the statement PDF. Phone-first: one column, and the tables turn into labelled rows, so nothing scrolls sideways.
 */
import { createAsync, revalidate } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../components/error-message.js';
import { useI18n } from '../i18n/index.js';
import { api, type LoanView, type PrepaymentQuoteView } from '../lib/api.js';
import { fenToYuanInput, formatBps, formatDate, formatFen, yuanToFen } from '../lib/format.js';
import { getLoans } from './loans.data.js';

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url; a.download = name; a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Prepayment(props: { loan: LoanView }) {
  const { t, locale } = useI18n();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [date, setDate] = createSignal(props.loan.nextDue?.dueDate && props.loan.nextDue.dueDate < today ? today : today);
  const [amount, setAmount] = createSignal('');
  const [mode, setMode] = createSignal<'shorter-term' | 'lower-instalment'>('shorter-term');
  const [quote, setQuote] = createSignal<PrepaymentQuoteView | null>(null);
  const [error, setError] = createSignal<unknown>(null);
  const [done, setDone] = createSignal<string | null>(null);
  async function ask(e: Event) {
    e.preventDefault();
    setError(null); setDone(null);
    const fen = amount().trim() ? yuanToFen(amount()) : undefined;
    try { setQuote(await api.quotePrepayment(props.loan.id, { date: date(), ...(fen ? { amount: fen } : {}), mode: mode() })); } catch (err) { setError(err); }
  }
  async function execute() {
    const q = quote();
    if (!q) return;
    try {
      const r = await api.prepay(props.loan.id, q.quoteId);
      setDone(r.status);
      setQuote(null);
      await revalidate(getLoans.key);
    } catch (err) { setError(err); }
  }
  return (
    <form class="stack" onSubmit={ask} data-testid="prepayment">
      <h3>{t('loans.prepay.title')}</h3>
      <label>{t('loans.prepay.date')}<input type="date" value={date()} min={today} onInput={(e) => setDate(e.currentTarget.value)} required /></label>
      <label>{t('loans.prepay.amount')}<input inputmode="decimal" placeholder={fenToYuanInput(props.loan.principalOutstanding)} value={amount()} onInput={(e) => setAmount(e.currentTarget.value)} /></label>
      <fieldset>
        <legend>{t('loans.prepay.mode')}</legend>
        <label><input type="radio" name="mode" checked={mode() === 'shorter-term'} onChange={() => setMode('shorter-term')} />{t('loans.prepay.shorter')}</label>
        <label><input type="radio" name="mode" checked={mode() === 'lower-instalment'} onChange={() => setMode('lower-instalment')} />{t('loans.prepay.lower')}</label>
      </fieldset>
      <button type="submit">{t('loans.prepay.quote')}</button>
      <Show when={error()}><ErrorMessage error={error()} /></Show>
      <Show when={quote()}>
        {(q) => (
          <div class="alert" data-testid="quote">
            <p>{t('loans.prepay.result', { principal: formatFen(q().principal, locale()), interest: formatFen(q().interest, locale()), total: formatFen(q().total, locale()) })}</p>
            <p>{t('loans.prepay.validUntil', { at: formatDate(q().validUntil, locale()) })}</p>
            <button type="button" onClick={execute}>{t('loans.prepay.execute')}</button>
          </div>
        )}
      </Show>
      <Show when={done()}><p role="status">{t(done() === 'scheduled' ? 'loans.prepay.scheduled' : 'loans.prepay.done')}</p></Show>
    </form>
  );
}

function Loan(props: { loan: LoanView }) {
  const { t, tx, locale } = useI18n();
  const l = () => props.loan;
  return (
    <article class="panel" data-testid="loan">
      <h2>{l().contractNo}</h2>
      <dl class="kpis">
        <div><dt>{t('loans.outstanding')}</dt><dd>{formatFen(l().principalOutstanding, locale())}</dd></div>
        <div><dt>{t('loans.status')}</dt><dd>{tx('loanStatus', l().status)}</dd></div>
        <div><dt>{t('loans.dpd')}</dt><dd>{l().daysPastDue}</dd></div>
        <div><dt>{t('loans.class')}</dt><dd>{tx('loanClass', l().classification.class)}</dd></div>
      </dl>
      <Show when={l().nextDue}>
        {(n) => (
          <p class="alert next-due" data-testid="next-due">
            <strong>{t('loans.next', { date: n().dueDate, amount: formatFen(n().principal + n().interest, locale()) })}</strong>
          </p>
        )}
      </Show>
      <p>{t('loans.terms', { rate: formatBps(l().rateBps), dayCount: t('loans.dayCount') })}</p>
      <ul>
        <For each={l().classification.reasons}>{(r) => <li>{locale() === 'zh-CN' ? r.zh : r.en}</li>}</For>
      </ul>
      {/* On a phone each row becomes a card whose cells carry their column's name (styles.css table.responsive): nothing hides sideways. */}
      <h3 id={`schedule-${l().id}`}>{t('loans.schedule')}</h3>
      <table class="responsive schedule" aria-labelledby={`schedule-${l().id}`} data-testid="schedule">
        <thead><tr><th scope="col">{t('loans.period')}</th><th scope="col">{t('loans.dueDate')}</th><th scope="col" class="num">{t('loans.principal')}</th><th scope="col" class="num">{t('loans.interest')}</th><th scope="col" class="num">{t('loans.paid')}</th><th scope="col">{t('loans.status')}</th></tr></thead>
        <tbody>
          <For each={l().schedule}>
            {(r) => (
              <tr classList={{ highlight: r.dueDate === l().nextDue?.dueDate, overdue: r.status === 'overdue' }}>
                <th scope="row" data-label={t('loans.period')}>{r.period}</th>
                <td data-label={t('loans.dueDate')}>{r.dueDate}</td>
                <td class="num" data-label={t('loans.principal')}>{formatFen(r.principal, locale())}</td>
                <td class="num" data-label={t('loans.interest')}>{formatFen(r.interest, locale())}</td>
                <td class="num" data-label={t('loans.paid')}>{formatFen(r.paidPrincipal + r.paidInterest, locale())}</td>
                <td data-label={t('loans.status')}>{tx('instalment', r.status)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <h3 id={`repayments-${l().id}`}>{t('loans.repayments')}</h3>
      <Show when={l().repayments.length} fallback={<p>{t('loans.noRepayments')}</p>}>
        <table class="responsive" aria-labelledby={`repayments-${l().id}`} data-testid="repayments">
          <thead><tr><th scope="col">{t('loans.at')}</th><th scope="col" class="num">{t('loans.amount')}</th><th scope="col" class="num">{t('loans.principal')}</th><th scope="col" class="num">{t('loans.interest')}</th><th scope="col" class="num">{t('loans.penalty')}</th></tr></thead>
          <tbody>
            <For each={l().repayments}>
              {(r) => (
                <tr>
                  <th scope="row" data-label={t('loans.at')}>{formatDate(r.at, locale())}</th>
                  <td class="num" data-label={t('loans.amount')}>{formatFen(r.amount, locale())}</td>
                  <td class="num" data-label={t('loans.principal')}>{formatFen(r.principal, locale())}</td>
                  <td class="num" data-label={t('loans.interest')}>{formatFen(r.interest, locale())}</td>
                  <td class="num" data-label={t('loans.penalty')}>{formatFen(r.penalty, locale())}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <p><button type="button" data-testid="statement" onClick={async () => download(await api.statementPdf(l().id), `statement-${l().id}.pdf`)}>{t('loans.statement')}</button></p>
      <Show when={l().status !== 'settled'}><Prepayment loan={l()} /></Show>
    </article>
  );
}

export default function Loans() {
  const { t } = useI18n();
  const loans = createAsync(() => getLoans());
  return (
    <section class="panel wide">
      <h1>{t('loans.title')}</h1>
      <Show when={loans()} fallback={<p>{t('common.loading')}</p>}>
        {(list) => (
          <Show when={list().length} fallback={<p>{t('loans.none')}</p>}>
            <For each={list()}>{(l) => <Loan loan={l} />}</For>
          </Show>
        )}
      </Show>
    </section>
  );
}
