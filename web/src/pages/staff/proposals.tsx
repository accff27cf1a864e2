/** Head office: proposals with their impact; another head-office user approves or rejects (four eyes). */
import { action, createAsync, useAction, useSubmission } from '@solidjs/router';
import { createSignal, For, Show } from 'solid-js';
import { ErrorMessage } from '../../components/error-message.js';
import { useI18n } from '../../i18n/index.js';
import { api, type ProposalView } from '../../lib/api.js';
import { formatDateTime } from '../../lib/format.js';
import { useSession } from '../../lib/session.js';
import { getProposals } from './admin.data.js';
import { ImpactTable } from './impact.js';

const approveAction = action(async (id: string) => api.approveProposal(id), 'admin-approve');
const rejectAction = action(async (id: string, reason: string) => api.rejectProposal(id, reason), 'admin-reject');

function Proposal(props: { p: ProposalView }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const approve = useAction(approveAction);
  const reject = useAction(rejectAction);
  const approving = useSubmission(approveAction, ([id]) => id === props.p.id);
  const rejecting = useSubmission(rejectAction, ([id]) => id === props.p.id);
  const [reason, setReason] = createSignal('');
  const own = () => session.me()?.username === props.p.proposedBy;
  return (
    <article class="panel" data-testid="proposal">
      <h2>{t(`admin.proposal.${props.p.status}`)} · {props.p.reason}</h2>
      <p class="detail">{t('admin.proposal.by', { who: props.p.proposedBy, at: formatDateTime(props.p.proposedAt, locale()), version: props.p.impact.baseVersion })}</p>
      <p>{t('admin.rules.effectiveFrom')}: {formatDateTime(props.p.effectiveFrom, locale())}</p>
      <pre class="changes">{JSON.stringify(props.p.changes, null, 2)}</pre>
      <ImpactTable impact={props.p.impact} />
      <Show when={props.p.status !== 'pending'}>
        <p>{t('admin.proposal.decided', { who: props.p.decidedBy ?? '', at: formatDateTime(props.p.decidedAt ?? null, locale()) })}{props.p.decisionReason ? ` — ${props.p.decisionReason}` : ''}</p>
      </Show>
      <Show when={props.p.status === 'pending'}>
        <Show when={own()}><p class="hint">{t('admin.proposal.fourEyes')}</p></Show>
        <div class="actions">
          <button type="button" class="primary" disabled={own() || approving.pending} onClick={() => approve(props.p.id).catch(() => {})}>{t('admin.proposal.approve')}</button>
          <input aria-label={t('admin.reason')} placeholder={t('admin.reason')} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" disabled={!reason().trim() || rejecting.pending} onClick={() => reject(props.p.id, reason().trim()).catch(() => {})}>{t('admin.proposal.reject')}</button>
        </div>
        <Show when={approving.error ?? rejecting.error}>{(err) => <ErrorMessage error={err()} />}</Show>
      </Show>
    </article>
  );
}

export default function Proposals() {
  const { t } = useI18n();
  const proposals = createAsync(() => getProposals());
  return (
    <section class="panel wide">
      <h1>{t('admin.nav.proposals')}</h1>
      <Show when={proposals()?.length} fallback={<p>{t('admin.proposal.none')}</p>}>
        <For each={proposals()}>{(p) => <Proposal p={p} />}</For>
      </Show>
    </section>
  );
}
