/** Route guards: pages behind them may assume a signed-in user (and, for the console, staff). */
import { Navigate, useLocation, type RouteSectionProps } from '@solidjs/router';
import { Match, Switch } from 'solid-js';
import { useI18n } from '../i18n/index.js';
import { useSession } from '../lib/session.js';

export function Loading() {
  const { t } = useI18n();
  return <p class="loading" role="status">{t('common.loading')}</p>;
}

export function RequireSession(props: RouteSectionProps) {
  const session = useSession();
  const location = useLocation();
  return (
    <Switch>
      <Match when={session.me.loading}><Loading /></Match>
      <Match when={!session.me()}>
        <Navigate href={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} />
      </Match>
      <Match when={session.me()}>{props.children}</Match>
    </Switch>
  );
}

export function RequireStaff(props: RouteSectionProps) {
  const session = useSession();
  const { t } = useI18n();
  return (
    <Switch>
      <Match when={!session.isStaff()}>
        <section class="panel" role="alert"><h1>{t('staff.onlyStaff.title')}</h1><p>{t('staff.onlyStaff.body')}</p></section>
      </Match>
      <Match when={session.isStaff()}>{props.children}</Match>
    </Switch>
  );
}
