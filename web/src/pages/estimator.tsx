/**
 * The limit and offer estimator on the front page: a credit code and a few figures (in 万元, as people quote
 * them) → shared/estimate.ts, in the browser. Nothing leaves the page. Its own chunk, so the front page's first
 * load carries none of the scoring code.
 */
import { A } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { KNOWN_LABELS, PRODUCTS, type Product } from '../../../shared/catalog.js';
import { validateCreditCode } from '../../../shared/credit-code.js';
import { estimateOffer, type Estimate } from '../../../shared/estimate.js';
import { PRODUCT_CONFIG } from '../../../shared/products.js';
import { BRANCHES } from '../../../shared/divisions.js';
import { TextField, fieldId } from '../components/field.js';
import { useI18n } from '../i18n/index.js';
import { formatBps, formatFen } from '../lib/format.js';

const WAN = 1_000_000; // fen in 万元
const toFen = (value: string): number | null => {
  const n = Number(value.replace(/[,，\s]/g, ''));
  return value.trim() !== '' && Number.isFinite(n) && n >= 0 ? Math.round(n * WAN) : null;
};
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export default function Estimator() {
  const { t, locale, fieldMessage } = useI18n();
  const [v, setV] = createSignal({
    creditCode: '', product: 'tech-loan' as Product, establishedOn: '', revenue: '', totalAssets: '', totalLiabilities: '', rdExpense: '', termMonths: '12',
  });
  const [labels, setLabels] = createSignal<string[]>(['tech-sme']);
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [result, setResult] = createSignal<Estimate | null>(null);
  const set = (name: keyof ReturnType<typeof v>) => (value: string) => setV({ ...v(), [name]: value });

  function estimate(e: Event) {
    e.preventDefault();
    const x = v();
    const code = validateCreditCode(x.creditCode.trim().toUpperCase());
    const money = { revenue: toFen(x.revenue), totalAssets: toFen(x.totalAssets), totalLiabilities: toFen(x.totalLiabilities), rdExpense: toFen(x.rdExpense) };
    const found: Record<string, string | undefined> = {
      'est-creditCode': code.ok ? undefined : fieldMessage(code.message),
      'est-establishedOn': /^\d{4}-\d{2}-\d{2}$/.test(x.establishedOn) ? undefined : fieldMessage('Enter a date as YYYY-MM-DD.'),
      ...Object.fromEntries(Object.entries(money).map(([k, fen]) => [`est-${k}`, fen === null ? t('estimate.enterNumber') : undefined])),
    };
    setErrors(found);
    const first = Object.entries(found).find(([, m]) => m);
    if (first) { setResult(null); document.getElementById(fieldId(first[0]))?.focus(); return; }
    setResult(estimateOffer({
      creditCode: x.creditCode, product: x.product, establishedOn: x.establishedOn, labels: labels(),
      revenue: money.revenue!, totalAssets: money.totalAssets!, totalLiabilities: money.totalLiabilities!, rdExpense: money.rdExpense!,
      termMonths: Number(x.termMonths), today: beijingToday(),
    }));
  }

  const branchName = (code: string) => {
    const b = BRANCHES.find((x) => x.code === code);
    return b ? (locale() === 'en' ? b.nameEn : b.nameZh) : code;
  };
  const product = () => PRODUCT_CONFIG[v().product];
  const terms = () => [3, 6, 12, 24, 36, 48, 60].filter((m) => m >= product().termMonths.min && m <= product().termMonths.max);

  return (
    <section class="front-section estimator" aria-labelledby="estimate-heading" data-testid="estimator">
      <h2 id="estimate-heading">{t('estimate.title')}</h2>
      <p class="hint">{t('estimate.lead')}</p>
      <form class="form" novalidate onSubmit={estimate}>
        <TextField path="est-creditCode" label={t('estimate.creditCode')} value={v().creditCode} onInput={set('creditCode')} error={errors()['est-creditCode']}
          autocomplete="off" autocapitalize="characters" maxLength={18} required />
        <div class="field">
          <label for="f-est-product">{t('estimate.product')}</label>
          <select id="f-est-product" value={v().product} onChange={(e) => set('product')(e.currentTarget.value)}>
            <For each={PRODUCTS}>{(p) => <option value={p}>{locale() === 'en' ? PRODUCT_CONFIG[p].nameEn : PRODUCT_CONFIG[p].nameZh}</option>}</For>
          </select>
        </div>
        <fieldset class="field">
          <legend>{t('estimate.labels')}</legend>
          <For each={KNOWN_LABELS}>
            {(label) => (
              <label class="check">
                <input type="checkbox" checked={labels().includes(label)}
                  onChange={(e) => setLabels(e.currentTarget.checked ? [...labels(), label] : labels().filter((l) => l !== label))} />
                {t(`label.${label}` as 'label.srdi')}
              </label>
            )}
          </For>
        </fieldset>
        <TextField path="est-establishedOn" label={t('estimate.establishedOn')} type="date" value={v().establishedOn} onInput={set('establishedOn')} error={errors()['est-establishedOn']} required />
        <TextField path="est-revenue" label={t('estimate.revenue')} inputmode="decimal" value={v().revenue} onInput={set('revenue')} error={errors()['est-revenue']} required />
        <TextField path="est-totalAssets" label={t('estimate.totalAssets')} inputmode="decimal" value={v().totalAssets} onInput={set('totalAssets')} error={errors()['est-totalAssets']} required />
        <TextField path="est-totalLiabilities" label={t('estimate.totalLiabilities')} inputmode="decimal" value={v().totalLiabilities} onInput={set('totalLiabilities')} error={errors()['est-totalLiabilities']} required />
        <TextField path="est-rdExpense" label={t('estimate.rdExpense')} inputmode="decimal" value={v().rdExpense} onInput={set('rdExpense')} error={errors()['est-rdExpense']} required />
        <div class="field">
          <label for="f-est-termMonths">{t('estimate.termMonths')}</label>
          <select id="f-est-termMonths" value={v().termMonths} onChange={(e) => set('termMonths')(e.currentTarget.value)}>
            <For each={terms()}>{(m) => <option value={String(m)}>{m}</option>}</For>
          </select>
        </div>
        <button type="submit" class="primary">{t('estimate.submit')}</button>
      </form>
      <div aria-live="polite" data-testid="estimate-result">
        <Show when={result()}>
          {(r) => (
            <Show when={r().ok ? r() : null} fallback={<p class="alert alert-error" role="alert">{(() => {
              const x = r() as Extract<Estimate, { ok: false }>;
              return x.reason === 'credit-code' ? fieldMessage(x.message) : t(`estimate.refused.${x.reason}` as 'estimate.refused.labels');
            })()}</p>}>
              {(ok) => {
                const e = ok() as Extract<Estimate, { ok: true }>;
                return (
                  <Show when={e.amount.max > 0} fallback={<p class="alert">{t('estimate.none')}</p>}>
                    <h3>{t('estimate.result')}</h3>
                    <dl class="estimate">
                      <dt>{t('estimate.amountRange')}</dt><dd>{formatFen(e.amount.min, locale())} – {formatFen(e.amount.max, locale())}</dd>
                      <dt>{t('estimate.rateRange')}</dt><dd>{formatBps(e.rateBps.min)} – {formatBps(e.rateBps.max)}</dd>
                      <dt>{t('estimate.monthly')}</dt><dd>{formatFen(e.monthlyPayment.min, locale())} – {formatFen(e.monthlyPayment.max, locale())}</dd>
                      <dt>{t('estimate.branch')}</dt><dd>{branchName(e.branch)}</dd>
                    </dl>
                    <p><A href="/sign-up" class="button primary">{t('front.signUp')}</A></p>
                  </Show>
                );
              }}
            </Show>
          )}
        </Show>
      </div>
    </section>
  );
}
