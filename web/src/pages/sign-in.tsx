/** Sign-in for applicants and staff alike; where you land depends on your groups. */
import { A, action, Navigate, useNavigate, useSearchParams, useSubmission } from '@solidjs/router';
import { Show } from 'solid-js';
import { ErrorMessage } from '../components/error-message.js';
import { useI18n } from '../i18n/index.js';
import { ApiError } from '../lib/api.js';
import { useSession } from '../lib/session.js';

/** Only same-site paths, so a crafted link cannot send people elsewhere after signing in. */
function safeNext(next: string | string[] | undefined): string | null {
  const value = Array.isArray(next) ? next[0] : next;
  return value && /^\/(?!\/)/.test(value) && !value.startsWith('/sign-in') && value !== '/' ? value : null;
}

export default function SignIn() {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const signIn = action(async (form: FormData) => {
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!username || !password) throw new ApiError(0, 'sign-in-missing', t('signIn.missing'));
    const me = await session.signIn(username, password);
    navigate(safeNext(params.next) ?? session.home(), { replace: true });
    return me.username;
  }, 'sign-in');
  const submission = useSubmission(signIn);

  // The username from the link is set by ref, not by value=: adopting the prerendered page (main.tsx) would
  // otherwise clear what was typed before the app started.
  return (
    <Show when={!session.me()} fallback={<Navigate href={session.home()} />}>
      <section class="panel narrow">
        <h1>{t('signIn.title')}</h1>
        <p class="lead">{t('signIn.lead')}</p>
        <Show when={params.confirmed || params.reset}>
          <p class="alert" role="status">{t(params.reset ? 'reset.done' : 'confirm.done')}</p>
        </Show>
        <Show when={submission.error}>{(err) => <ErrorMessage error={err()} />}</Show>
        <form action={signIn} method="post" class="form" data-testid="sign-in-form">
          <div class="field">
            <label for="username">{t('signIn.username')}</label>
            <input id="username" name="username" type="text" autocomplete="username" inputmode="email" required autofocus
              ref={(el) => { if (params.username) el.value = String(params.username); }} />
          </div>
          <div class="field">
            <label for="password">{t('signIn.password')}</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required />
          </div>
          <button type="submit" class="primary" disabled={submission.pending}>
            {submission.pending ? t('signIn.signingIn') : t('signIn.submit')}
          </button>
        </form>
        <p class="hint"><A href="/forgot-password">{t('signIn.forgot')}</A></p>
        <p class="hint">{t('signIn.noAccount')} <A href="/sign-up" data-testid="to-sign-up">{t('signIn.toSignUp')}</A></p>
        <p class="hint">{t('signIn.demoHint')}</p>
      </section>
    </Show>
  );
}
