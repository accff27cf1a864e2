/*
 * Build-time only (tools/prerender-web.ts): the pages that need no data, rendered to HTML with the same components
 * the SPA runs, signed out and in the default language. The SPA replaces this markup on start (index.tsx).
 */
import { Route, Router } from '@solidjs/router';
import { renderToString } from 'solid-js/web';
import { App } from './app.js';
import { I18nProvider } from './i18n/index.js';
import { SessionProvider } from './lib/session.js';
import Front from './pages/front.js';
import SignIn from './pages/sign-in.js';

export const PRERENDERED = ['/', '/sign-in'] as const;

export function prerender(url: (typeof PRERENDERED)[number]): string {
  return renderToString(() => (
    <I18nProvider>
      <SessionProvider>
        <Router url={url} root={App}>
          <Route path="/" component={Front} />
          <Route path="/sign-in" component={SignIn} />
        </Router>
      </SessionProvider>
    </I18nProvider>
  ));
}
