/**
 * The front page at `/` (issue 12): what the bank lends, to whom and how fast, the estimator, and the ways in.
 * Everything above the estimator needs no data, so the build prerenders it into index.html (tools/prerender-web.ts);
 * the estimator and its scoring code arrive as their own chunk. Signed-in people go on to their work.
 */
import { A, Navigate } from '@solidjs/router';
import { createSignal, For, lazy, onMount, Show, Suspense } from 'solid-js';
import { PRODUCTS } from '../../../shared/catalog.js';
import { PRODUCT_CONFIG } from '../../../shared/products.js';
import { useI18n } from '../i18n/index.js';
import { formatBps, formatFen } from '../lib/format.js';
import { useSession } from '../lib/session.js';

const Estimator = lazy(() => import('./estimator.js'));

export default function Front() {
  const { t, locale } = useI18n();
  const session = useSession();
  // The estimator comes after the page is adopted (hydrated), so the prerendered placeholder is what hydration
  // finds, and the lazy chunk is fetched after the first paint.
  const [mounted, setMounted] = createSignal(false);
  onMount(() => queueMicrotask(() => setMounted(true)));
  const placeholder = () => <section class="front-section estimator-placeholder" aria-hidden="true" />;
  return (
    <Show when={!session.me()} fallback={<Navigate href={session.home()} />}>
      <section class="front-hero">
        <h1>{t('front.title')}</h1>
        <p class="lead">{t('front.lead')}</p>
        <p class="front-actions">
          <A href="/sign-up" class="button primary" data-testid="front-sign-up">{t('front.signUp')}</A>
          <A href="/sign-in" class="button" data-testid="front-sign-in">{t('front.signIn')}</A>
        </p>
      </section>
      <section class="front-section" aria-labelledby="products-heading">
        <h2 id="products-heading">{t('front.products')}</h2>
        <ul class="product-cards">
          <For each={PRODUCTS}>
            {(product) => {
              const p = PRODUCT_CONFIG[product];
              return (
                <li class="product-card">
                  <h3>{locale() === 'en' ? p.nameEn : p.nameZh}</h3>
                  <dl>
                    <dt>{t('front.amount')}</dt>
                    <dd>{formatFen(p.amount.min, locale())} – {formatFen(p.amount.max, locale())}</dd>
                    <dt>{t('front.term')}</dt>
                    <dd>{t('front.termRange', { min: p.termMonths.min, max: p.termMonths.max })}</dd>
                    <dt>{t('front.rateFrom')}</dt>
                    <dd>{formatBps(p.rateBps.min)}</dd>
                    <dt>{t('front.eligible')}</dt>
                    <dd>{t(`product.${product}.for` as 'product.tech-loan.for')}</dd>
                    <dt>{t('front.speed')}</dt>
                    <dd>{t('front.speedValue')}</dd>
                  </dl>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
      <section class="front-section" aria-labelledby="how-heading">
        <h2 id="how-heading">{t('front.how')}</h2>
        <ol class="front-steps">
          <li>{t('front.step1')}</li>
          <li>{t('front.step2')}</li>
          <li>{t('front.step3')}</li>
          <li>{t('front.step4')}</li>
        </ol>
      </section>
      <Show when={mounted()} fallback={placeholder()}>
        <Suspense fallback={placeholder()}>
          <Estimator />
        </Suspense>
      </Show>
    </Show>
  );
}
