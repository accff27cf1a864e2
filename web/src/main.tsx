/* The app: providers, then the router with lazy pages. Loaded by the boot entry (index.ts). */
import { Router } from '@solidjs/router';
import { hydrate, render } from 'solid-js/web';
import { App } from './app.js';
import { I18nProvider } from './i18n/index.js';
import { knownSignedOut, SessionProvider } from './lib/session.js';
import { routes } from './routes.js';

declare global { var _$HY: unknown }

const app = () => (
  <I18nProvider>
    <SessionProvider>
      <Router root={App}>{routes}</Router>
    </SessionProvider>
  </I18nProvider>
);

/**
 * Adopts the prerendered markup when it is what the app would render now (hydration keeps those nodes, so the
 * painted text stays the page's largest paint instead of being painted again after the script): the same path,
 * no query (sign-in's ?next and ?confirmed change the page) and signed out, as the build rendered it.
 * Otherwise it renders afresh.
 */
export function start(root: HTMLElement) {
  if (root.dataset.prerendered === location.pathname && !location.search && knownSignedOut()) {
    // What solid's inline hydration script would set up; the CSP allows no inline script, and there is no
    // server data to hand over (the prerendered pages need none), so the bare registry is all hydrate() needs.
    globalThis._$HY ??= { events: [], completed: new WeakSet(), r: {}, fe() {} };
    hydrate(app, root);
  } else {
    root.textContent = '';
    render(app, root);
  }
}
