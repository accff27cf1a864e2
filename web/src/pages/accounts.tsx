/**
 * The account pages (DESIGN.md §7.1): sign up, confirm with the code, forgot and reset password. Phone first:
 * one column, the right keyboards (tel for the username, numeric for the code), every error tied to its field.
 * They validate with the same shared schemas the API parses with, then show what the API says.
 */
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createSignal, Show, type JSX } from 'solid-js';
import { codeField, passwordProblem, usernameSchema } from '../../../shared/accounts.js';
import { ErrorMessage } from '../components/error-message.js';
import { TextField } from '../components/field.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { api, ApiError } from '../lib/api.js';

type Fields = Record<string, string | undefined>;

/** One form's state: its values, field errors (from the schemas or the API) and the request's error. */
function useForm(initial: Record<string, string>) {
  const { fieldMessage } = useI18n();
  const [values, setValues] = createSignal(initial);
  const [errors, setErrors] = createSignal<Fields>({});
  const [failure, setFailure] = createSignal<unknown>(null);
  const [pending, setPending] = createSignal(false);
  const set = (name: string) => (value: string) => setValues({ ...values(), [name]: value });
  async function submit(e: Event, check: () => Fields, send: () => Promise<void>) {
    e.preventDefault();
    setFailure(null);
    const found = Object.fromEntries(Object.entries(check()).filter(([, v]) => v));
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`f-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setPending(true);
    try {
      await send();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) setErrors(err.fields);
      setFailure(err);
    } finally {
      setPending(false);
    }
  }
  const error = (name: string) => fieldMessage(errors()[name]);
  return { values, set, submit, error, failure, pending };
}

const usernameError = (value: string) => {
  const r = usernameSchema.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
};
const codeError = (value: string) => {
  const r = codeField.safeParse(value);
  return r.success ? undefined : r.error.issues[0]?.message;
};
const normalised = (value: string) => {
  const r = usernameSchema.safeParse(value);
  return r.success ? r.data : value.trim();
};

function Page(props: { title: MessageKey; lead: string; children: JSX.Element }) {
  const { t } = useI18n();
  return (
    <section class="panel narrow">
      <h1>{t(props.title)}</h1>
      <p class="lead">{props.lead}</p>
      {props.children}
    </section>
  );
}

function UsernameField(props: { value: string; onInput: (v: string) => void; error?: string; autofocus?: boolean }) {
  const { t } = useI18n();
  return (
    <TextField path="username" label={t('account.username')} hint={t('account.usernameHint')} value={props.value} onInput={props.onInput}
      error={props.error} type="text" inputmode="tel" autocomplete="username" required autofocus={props.autofocus} />
  );
}

function PasswordField(props: { value: string; onInput: (v: string) => void; error?: string; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <TextField path="password" label={t(props.label)} hint={t('account.passwordHint')} value={props.value} onInput={props.onInput}
      error={props.error} type="password" autocomplete="new-password" required />
  );
}

function CodeField(props: { value: string; onInput: (v: string) => void; error?: string }) {
  const { t } = useI18n();
  return (
    <TextField path="code" label={t('account.code')} hint={t('account.codeHint')} value={props.value} onInput={props.onInput}
      error={props.error} type="text" inputmode="numeric" autocomplete="one-time-code" maxLength={6} required autofocus />
  );
}

export function SignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useForm({ username: '', password: '' });
  const onSubmit = (e: Event) => form.submit(e,
    () => ({ username: usernameError(form.values().username), password: passwordProblem(form.values().password) ?? undefined }),
    async () => {
      const { username } = await api.signUp(form.values().username, form.values().password);
      navigate(`/sign-up/confirm?username=${encodeURIComponent(username)}`);
    });
  return (
    <Page title="signUp.title" lead={t('signUp.lead')}>
      <Show when={form.failure()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <form class="form" data-testid="sign-up-form" novalidate onSubmit={onSubmit}>
        <UsernameField value={form.values().username} onInput={form.set('username')} error={form.error('username')} autofocus />
        <PasswordField label="account.password" value={form.values().password} onInput={form.set('password')} error={form.error('password')} />
        <button type="submit" class="primary" disabled={form.pending()}>{form.pending() ? t('signUp.pending') : t('signUp.submit')}</button>
      </form>
      <p class="hint">{t('signUp.haveAccount')} <A href="/sign-in">{t('signUp.toSignIn')}</A></p>
    </Page>
  );
}

export function ConfirmSignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm({ username: String(params.username ?? ''), code: '' });
  const [resent, setResent] = createSignal(false);
  const onSubmit = (e: Event) => form.submit(e,
    () => ({ username: usernameError(form.values().username), code: codeError(form.values().code) }),
    async () => {
      await api.confirmSignUp(form.values().username, form.values().code.trim());
      navigate(`/sign-in?confirmed=1&username=${encodeURIComponent(normalised(form.values().username))}`, { replace: true });
    });
  async function resend() {
    await api.resendSignUpCode(form.values().username);
    setResent(true);
  }
  return (
    <Page title="confirm.title" lead={t('confirm.lead', { username: form.values().username })}>
      <Show when={form.failure()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <Show when={resent()}><p class="alert" role="status">{t('confirm.resent')}</p></Show>
      <form class="form" data-testid="confirm-form" novalidate onSubmit={onSubmit}>
        <UsernameField value={form.values().username} onInput={form.set('username')} error={form.error('username')} />
        <CodeField value={form.values().code} onInput={form.set('code')} error={form.error('code')} />
        <button type="submit" class="primary" disabled={form.pending()}>{form.pending() ? t('confirm.pending') : t('confirm.submit')}</button>
      </form>
      <p class="hint"><button type="button" class="link-button" onClick={() => void resend()}>{t('confirm.resend')}</button></p>
    </Page>
  );
}

export function ForgotPassword() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useForm({ username: '' });
  const onSubmit = (e: Event) => form.submit(e, () => ({ username: usernameError(form.values().username) }), async () => {
    await api.forgotPassword(form.values().username);
    navigate(`/reset-password?username=${encodeURIComponent(normalised(form.values().username))}`);
  });
  return (
    <Page title="forgot.title" lead={t('forgot.lead')}>
      <Show when={form.failure()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <form class="form" data-testid="forgot-form" novalidate onSubmit={onSubmit}>
        <UsernameField value={form.values().username} onInput={form.set('username')} error={form.error('username')} autofocus />
        <button type="submit" class="primary" disabled={form.pending()}>{form.pending() ? t('forgot.pending') : t('forgot.submit')}</button>
      </form>
    </Page>
  );
}

export function ResetPassword() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const form = useForm({ username: String(params.username ?? ''), code: '', password: '' });
  const onSubmit = (e: Event) => form.submit(e,
    () => ({
      username: usernameError(form.values().username), code: codeError(form.values().code),
      password: passwordProblem(form.values().password) ?? undefined,
    }),
    async () => {
      await api.resetPassword(form.values().username, form.values().code.trim(), form.values().password);
      navigate(`/sign-in?reset=1&username=${encodeURIComponent(normalised(form.values().username))}`, { replace: true });
    });
  return (
    <Page title="reset.title" lead={t('reset.lead', { username: form.values().username })}>
      <Show when={form.failure()}>{(err) => <ErrorMessage error={err()} />}</Show>
      <form class="form" data-testid="reset-form" novalidate onSubmit={onSubmit}>
        <UsernameField value={form.values().username} onInput={form.set('username')} error={form.error('username')} />
        <CodeField value={form.values().code} onInput={form.set('code')} error={form.error('code')} />
        <PasswordField label="account.newPassword" value={form.values().password} onInput={form.set('password')} error={form.error('password')} />
        <button type="submit" class="primary" disabled={form.pending()}>{form.pending() ? t('reset.pending') : t('reset.submit')}</button>
      </form>
    </Page>
  );
}
