/**
 * "My enterprises": the enterprises the account represents, and verification (DESIGN.md §7.1): credit code and the
 * legal representative checked against the registry, then the micro-deposit typed back. Owners invite members.
 */
import { A, action, createAsync, revalidate, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../components/error-message.js';
import { TextField } from '../components/field.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { api, ApiError, type EnterpriseSummary } from '../lib/api.js';
import { formatDateTime, yuanToFen } from '../lib/format.js';
import { getEnterprises } from './enterprises.data.js';

const start = action(async (body: { creditCode: string; name: string; idNumber: string }) => {
  const res = await api.startVerification({ creditCode: body.creditCode, legalRepresentative: { name: body.name, idNumber: body.idNumber } });
  await revalidate(getEnterprises.key);
  return res;
}, 'start-verification');
const confirm = action(async (body: { creditCode: string; amount: number; memo: string }) => {
  const res = await api.confirmDeposit(body.creditCode, body.amount, body.memo);
  await revalidate(getEnterprises.key);
  return res;
}, 'confirm-deposit');
const invite = action(async (body: { creditCode: string; username: string }) => api.inviteMember(body.creditCode, body.username), 'invite-member');

export default function Enterprises() {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const list = createAsync(() => getEnterprises());
  const [fields, setFields] = createSignal<Record<string, string>>({});
  const err = (path: string) => i18n.fieldMessage(fields()[path]);
  const fail = (e: unknown) => { if (e instanceof ApiError) setFields(e.fields); };

  const [form, setForm] = createSignal({ creditCode: '', name: '', idNumber: '' });
  const [expiresAt, setExpiresAt] = createSignal<Record<string, string>>({});
  const runStart = useAction(start);
  const started = useSubmission(start);
  async function onStart(e: SubmitEvent) {
    e.preventDefault();
    setFields({});
    try {
      const res = await runStart(form());
      if ('deposit' in res && res.deposit) setExpiresAt((m) => ({ ...m, [res.creditCode]: res.deposit!.expiresAt }));
      setForm({ creditCode: '', name: '', idNumber: '' });
    } catch (x) { fail(x); }
  }

  return (
    <section class="panel">
      <h1>{t('enterprises.title')}</h1>
      <p class="hint">{t('enterprises.lead')}</p>
      <Show when={list()?.length} fallback={<p class="empty">{t('enterprises.none')}</p>}>
        <ul class="card-list" data-testid="enterprise-list">
          <For each={list()}>
            {(e) => <EnterpriseCard enterprise={e} expiresAt={expiresAt()[e.creditCode]} />}
          </For>
        </ul>
      </Show>

      <h2>{t('enterprises.verify.title')}</h2>
      <Show when={started.error}>{(x) => <ErrorMessage error={x()} />}</Show>
      <form class="form" novalidate onSubmit={onStart} data-testid="verify-form">
        <div class="grid">
          <TextField path="creditCode" label={t('field.enterprise.creditCode')} value={form().creditCode} maxLength={18} autocapitalize="characters" spellcheck={false} autocomplete="off"
            onInput={(v) => setForm((f) => ({ ...f, creditCode: v.toUpperCase() }))} error={err('creditCode')} />
          <TextField path="legalRepresentative.name" label={t('field.legalRepresentative.name')} value={form().name} maxLength={60} autocomplete="off"
            onInput={(v) => setForm((f) => ({ ...f, name: v }))} error={err('legalRepresentative.name')} />
          <TextField path="legalRepresentative.idNumber" label={t('field.legalRepresentative.idNumber')} value={form().idNumber} maxLength={18} autocomplete="off" spellcheck={false}
            onInput={(v) => setForm((f) => ({ ...f, idNumber: v.toUpperCase() }))} error={err('legalRepresentative.idNumber')} />
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="verify-submit" disabled={started.pending}>
            {started.pending ? t('enterprises.verify.sending') : t('enterprises.verify.submit')}
          </button>
        </div>
      </form>
    </section>
  );

  function EnterpriseCard(props: { enterprise: EnterpriseSummary; expiresAt?: string }) {
    const e = () => props.enterprise;
    const [amount, setAmount] = createSignal('');
    const [memo, setMemo] = createSignal('');
    const [member, setMember] = createSignal('');
    const [note, setNote] = createSignal('');
    const [cardFields, setCardFields] = createSignal<Record<string, string>>({});
    const runConfirm = useAction(confirm);
    const confirming = useSubmission(confirm, ([b]) => b.creditCode === e().creditCode);
    const runInvite = useAction(invite);
    const inviting = useSubmission(invite, ([b]) => b.creditCode === e().creditCode);
    const cardErr = (p: string) => i18n.fieldMessage(cardFields()[p]);

    async function onConfirm(ev: SubmitEvent) {
      ev.preventDefault();
      setCardFields({});
      const fen = yuanToFen(amount());
      if (fen === null || fen < 1 || fen > 99) { setCardFields({ amount: 'The deposit is 1–99 fen.' }); return; }
      try {
        await runConfirm({ creditCode: e().creditCode, amount: fen, memo: memo() });
        setNote(t('enterprises.verified', { name: e().name }));
      } catch (x) {
        if (x instanceof ApiError) setCardFields(x.fields);
      }
    }
    async function onInvite(ev: SubmitEvent) {
      ev.preventDefault();
      setCardFields({});
      try {
        const res = await runInvite({ creditCode: e().creditCode, username: member() });
        setNote(t('enterprises.invite.done', { username: res.username }));
        setMember('');
      } catch (x) {
        if (x instanceof ApiError) setCardFields(x.fields);
      }
    }

    return (
      <li class="card" data-testid={`enterprise-${e().creditCode}`} data-status={e().status}>
        <div class="card-link">
          <span class="card-title">{e().name}</span>
          <span class="badge">{t(`enterprises.status.${e().status}` as MessageKey)}</span>
        </div>
        <dl class="facts">
          <div><dt>{t('field.enterprise.creditCode')}</dt><dd>{e().creditCode}</dd></div>
          <div><dt>{t('enterprises.title')}</dt><dd>{t(`enterprises.role.${e().role}` as MessageKey)}</dd></div>
        </dl>
        <Show when={note()}><p class="alert alert-ok" role="status">{note()}</p></Show>
        <Show when={e().status === 'deposit-sent'}>
          <h3>{t('enterprises.deposit.title')}</h3>
          <p class="hint">{t('enterprises.deposit.lead', { name: e().name })}</p>
          <Show when={props.expiresAt}>{(at) => <p class="hint">{t('enterprises.deposit.expires', { at: formatDateTime(at(), locale()) })}</p>}</Show>
          <Show when={confirming.error}>{(x) => <ErrorMessage error={x()} />}</Show>
          <form class="form" novalidate onSubmit={onConfirm} data-testid="deposit-form">
            <div class="grid">
              <TextField path="amount" inputmode="decimal" label={t('enterprises.deposit.amount')} value={amount()} onInput={setAmount} error={cardErr('amount')} suffix={t('unit.yuan')} />
              <TextField path="memo" label={t('enterprises.deposit.memo')} value={memo()} onInput={(v) => setMemo(v.toUpperCase())} error={cardErr('memo')} maxLength={6} autocapitalize="characters" spellcheck={false} autocomplete="off" />
            </div>
            <div class="actions"><button type="submit" class="primary" data-testid="deposit-submit" disabled={confirming.pending}>{t('enterprises.deposit.submit')}</button></div>
          </form>
        </Show>
        <Show when={e().status === 'verified'}>
          <div class="actions"><A href={`/applications/new?enterprise=${e().creditCode}`} class="button primary" data-testid="apply-for">{t('enterprises.apply')}</A></div>
        </Show>
        <Show when={e().status === 'verified' && e().role === 'owner'}>
          <Show when={inviting.error}>{(x) => <ErrorMessage error={x()} />}</Show>
          <form class="form" novalidate onSubmit={onInvite}>
            <div class="grid">
              <TextField path="username" type="text" label={t('enterprises.invite.username')} value={member()} onInput={setMember} error={cardErr('username')} autocomplete="off" />
            </div>
            <div class="actions"><button type="submit" disabled={inviting.pending}>{t('enterprises.invite.submit')}</button></div>
          </form>
        </Show>
      </li>
    );
  }
}
