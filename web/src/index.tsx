/* The SPA entry: providers, then the router with lazy pages. */
import { Router } from '@solidjs/router';
import { render } from 'solid-js/web';
import { App } from './app.js';
import { I18nProvider } from './i18n/index.js';
import { SessionProvider } from './lib/session.js';
import { routes } from './routes.js';

// The front page and sign-in arrive prerendered (tools/prerender-web.ts): the same markup, replaced in one step.
const root = document.getElementById('root')!;
root.textContent = '';
render(() => (
  <I18nProvider>
    <SessionProvider>
      <Router root={App}>{routes}</Router>
    </SessionProvider>
  </I18nProvider>
), root);
