/*
 * Build-time only (tools/prerender-web.ts): the pages that need no data, rendered to HTML with the same components
 * and the same route table the SPA runs, signed out and in the default language, so the SPA can hydrate this
 * markup on start (main.tsx) instead of painting it again.
 */
import { Router } from '@solidjs/router';
import { renderToString } from 'solid-js/web';
import { App } from './app.js';
import { I18nProvider } from './i18n/index.js';
import { SessionProvider } from './lib/session.js';
import { routes } from './routes.js';

export const PRERENDERED = ['/', '/sign-in'] as const;

export function prerender(url: (typeof PRERENDERED)[number]): string {
  return renderToString(() => (
    <I18nProvider>
      <SessionProvider>
        <Router url={url} root={App}>{routes}</Router>
      </SessionProvider>
    </I18nProvider>
  ));
}
