/** The decision with its reasons in the page's language, and the offer with its repayment schedule. */
import { For, Show } from 'solid-js';
import { useI18n } from '../i18n/index.js';
import type { DecisionView } from '../lib/api.js';
import { reasonDetail, reasonText } from '../../../shared/reasons.js';
import type { Offer, Reason } from '../../../shared/types.js';
import { formatBps, formatDateTime, formatFen } from '../lib/format.js';

/** A reason's sentence, and for staff the figures behind it, both from its code and facts in the page's language. */
export function ReasonItem(props: { reason: Reason | DecisionView['reasons'][number]; staff?: boolean }) {
  const { pick, locale } = useI18n();
  const r = () => props.reason as Reason;
  const detail = () => {
    const d = reasonDetail(r());
    // A record decided before reasons had facts: its note is engine English, shown only on English pages.
    return d ? pick(d) : locale() === 'en' ? r().detail ?? null : null;
  };
  return (
    <li data-code={r().code}>
      {pick(reasonText(r()))}
      <Show when={props.staff && detail()}><span class="reason-detail"> — {detail()}</span></Show>
    </li>
  );
}

export function DecisionPanel(props: { decision: DecisionView; staff?: boolean }) {
  const { t, tx, locale } = useI18n();
  return (
    <section class={`decision outcome-${props.decision.outcome}`} data-testid="decision" data-outcome={props.decision.outcome} aria-labelledby="decision-h">
      <h2 id="decision-h">{t('decision.title')}: <span data-testid="decision-outcome">{tx('outcome', props.decision.outcome)}</span></h2>
      <dl class="facts">
        <Show when={props.decision.tier}><div><dt>{t('decision.tier')}</dt><dd>{tx('tier', props.decision.tier)}</dd></div></Show>
        <div><dt>{t('decision.decidedAt')}</dt><dd>{formatDateTime(props.decision.decidedAt, locale())}</dd></div>
        <div><dt>{t('decision.policy')}</dt><dd>{props.decision.policyVersion}</dd></div>
      </dl>
      <h3>{t('decision.reasons')}</h3>
      <ul class="reasons" data-testid="reasons">
        <For each={props.decision.reasons}>{(r) => <ReasonItem reason={r} staff={props.staff} />}</For>
      </ul>
    </section>
  );
}

export function OfferPanel(props: { offer: Offer }) {
  const { t, locale } = useI18n();
  const totals = () => props.offer.schedule.reduce((s, r) => ({ principal: s.principal + r.principal, interest: s.interest + r.interest }), { principal: 0, interest: 0 });
  return (
    <section class="offer" data-testid="offer" aria-labelledby="offer-h">
      <h2 id="offer-h">{t('offer.title')}</h2>
      <dl class="facts">
        <div><dt>{t('offer.rate')}</dt><dd data-testid="offer-rate">{formatBps(props.offer.rateBps)}</dd></div>
        <div><dt>{t('offer.apr')}</dt><dd data-testid="offer-apr">{formatBps(props.offer.aprBps)}</dd></div>
        <div><dt>{t('offer.totalInterest')}</dt><dd data-testid="offer-interest">{formatFen(props.offer.totalInterest, locale())}</dd></div>
      </dl>
      <div class="table-scroll" tabindex="0" role="region" aria-label={t('offer.schedule')}>
        <table class="schedule" data-testid="schedule">
          <caption>{t('offer.schedule')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('offer.period')}</th>
              <th scope="col">{t('offer.dueDate')}</th>
              <th scope="col" class="num">{t('offer.principal')}</th>
              <th scope="col" class="num">{t('offer.interest')}</th>
              <th scope="col" class="num">{t('offer.payment')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.offer.schedule}>
              {(row) => (
                <tr>
                  <th scope="row">{row.period}</th>
                  <td class="nowrap"><time datetime={row.dueDate}>{row.dueDate}</time></td>
                  <td class="num">{formatFen(row.principal, locale())}</td>
                  <td class="num">{formatFen(row.interest, locale())}</td>
                  <td class="num">{formatFen(row.principal + row.interest, locale())}</td>
                </tr>
              )}
            </For>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>{t('offer.total')}</th>
              <td class="num">{formatFen(totals().principal, locale())}</td>
              <td class="num">{formatFen(totals().interest, locale())}</td>
              <td class="num">{formatFen(totals().principal + totals().interest, locale())}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
