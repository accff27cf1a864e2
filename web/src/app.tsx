/** The shell around every page: skip link, header with navigation and the language switch, main area. */
import { A, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { ErrorBoundary, Show, Suspense } from 'solid-js';
import { ErrorMessage } from './components/error-message.js';
import { Loading } from './components/guards.js';
import { useI18n, type Locale } from './i18n/index.js';
import { useSession } from './lib/session.js';

export function App(props: RouteSectionProps) {
  const { t, locale, setLocale } = useI18n();
  const session = useSession();
  const navigate = useNavigate();

  function signOut() {
    void session.signOut();
    navigate('/sign-in', { replace: true });
  }

  return (
    <>
      <a class="skip-link" href="#main">{t('nav.skip')}</a>
      {/* The nav row is kept while the session loads, so the page below never jumps when it arrives. */}
      <header class="site-header" classList={{ 'with-nav': session.me.loading || !!session.me() }}>
        <A href="/" class="brand" end>
          <span class="brand-mark" aria-hidden="true">贷</span>
          <span>{t('app.name')}</span>
        </A>
        <nav aria-label={t('nav.label')}>
          <ul>
            {/* Product managers work leads only (issue 15): not an applicant's links, not the queue's. */}
            <Show when={session.me() && !session.isStaff() && !session.hasGroup('product-manager')}>
              <li><A href="/applications" end>{t('nav.myApplications')}</A></li>
              <li><A href="/applications/new">{t('nav.newApplication')}</A></li>
              <li><A href="/enterprises">{t('nav.enterprises')}</A></li>
              <li><A href="/loans">{t('nav.myLoans')}</A></li>
            </Show>
            <Show when={session.isStaff()}>
              <li><A href="/staff" end>{t('nav.queue')}</A></li>
              <li><A href="/staff/my-work">{t('nav.myWork')}</A></li>
              <li><A href="/staff/dashboard">{t('nav.dashboard')}</A></li>
              <li><A href="/staff/portfolio">{t('nav.portfolio')}</A></li>
            </Show>
            <Show when={['product-manager', 'account-manager', 'head-office'].some((g) => session.hasGroup(g))}>
              <li><A href="/leads">{t('nav.leads')}</A></li>
            </Show>
            <Show when={session.hasGroup('head-office')}>
              <li><A href="/staff/rules">{t('nav.rules')}</A></li>
              <li><A href="/staff/proposals">{t('admin.nav.proposals')}</A></li>
              <li><A href="/staff/negative-list">{t('admin.nav.negativeList')}</A></li>
              <li><A href="/staff/replay">{t('admin.nav.replay')}</A></li>
              <li><A href="/target-lists">{t('nav.targetLists')}</A></li>
            </Show>
          </ul>
        </nav>
        {/* The language switch comes last, at the right edge: who and sign-out appear beside it without moving it. */}
        <div class="header-tools">
          <Show when={!session.me.loading && !session.me()}>
            <A href="/sign-in" class="link-button" data-testid="nav-sign-in">{t('nav.signIn')}</A>
            <A href="/sign-up" class="link-button" data-testid="nav-sign-up">{t('nav.signUp')}</A>
          </Show>
          <Show when={session.me()}>
            {(me) => (
              <>
                <span class="who" title={me().username}>{me().username}</span>
                <button type="button" class="link-button" data-testid="sign-out" onClick={signOut}>{t('nav.signOut')}</button>
              </>
            )}
          </Show>
          <label class="lang-switch">
            <span class="visually-hidden">{t('nav.language')}</span>
            <select data-testid="language" value={locale()} onChange={(e) => void setLocale(e.currentTarget.value as Locale)}>
              <option value="zh-CN" lang="zh-CN">中文</option>
              <option value="en" lang="en">English</option>
            </select>
          </label>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <ErrorBoundary fallback={(err, reset) => <ErrorMessage error={err} retry={reset} />}>
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </ErrorBoundary>
      </main>
      <footer class="site-footer"><p>{t('app.footer')}</p></footer>
    </>
  );
}
