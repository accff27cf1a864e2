/**
 * The stepwise application for one of the account's verified enterprises, pre-filled from what the bank already
 * knows (its profile) and from an invitation when there is one: for a tech loan the applicant types the amount and
 * the purpose, little else. Steps: 1 enterprise, 2 financials (yuan in the form, integer fen on the wire), 3 loan,
 * 4 consents (and, for a returned application, the answer to the bank).
 *
 * Nothing typed is lost: each step has its URL (`?step=`), so Back and reload land on it; the form is kept in
 * localStorage as it is typed (shared by the browser's tabs); once the loan step is valid the draft is created on
 * the server and every later step saves it with PATCH, so another tab or device opens it from the list.
 * Each step is checked whole, at once, with the shared schema and the configuration in force (GET /api/products,
 * GET /api/service-area), so an error shows at the step where its fact is typed.
 */
import { A, createAsync, useNavigate, useSearchParams } from '@solidjs/router';
import { createEffect, createSignal, For, Match, on, Show, Switch, untrack } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { KNOWN_LABELS } from '../../../shared/catalog.js';
import { CONSENT_IDS, CONSENT_VERSION, REQUIRED_CONSENTS, type ConsentId } from '../../../shared/consents.js';
import { checkLoanAgainstProduct } from '../../../shared/products.js';
import { ErrorMessage } from '../components/error-message.js';
import { ChoiceGroup, fieldId, SelectField, TextAreaField, TextField } from '../components/field.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import {
  api, ApiError, newIdempotencyKey, type ApplicationView, type Consent, type CreateApplicationBody, type ProductsView,
} from '../lib/api.js';
import { useSession } from '../lib/session.js';
import { fenToYuanInput, formatFen, yuanToFen } from '../lib/format.js';
import { getApplication, getProducts } from './applications.data.js';
import { getEnterpriseProfile, getEnterprises } from './enterprises.data.js';


/**
 * zod and the shared schema load when the applicant starts filling in, not with the page (first-load size);
 * once loaded, checks run synchronously.
 */
type SchemaModule = typeof import('../../../shared/schemas/application.js');
let schemaModule: SchemaModule | undefined;
let schemaLoading: Promise<SchemaModule> | undefined;
const loadSchema = () => (schemaLoading ??= import('../lib/zod-jitless.js')
  .then(() => import('../../../shared/schemas/application.js'))
  .then((m) => (schemaModule = m), (err) => { schemaLoading = undefined; throw err; }));

const MONEY_FIELDS = ['revenue', 'totalAssets', 'totalLiabilities', 'netProfit', 'rdExpense'] as const;
const INDUSTRIES = ['software', 'electronics', 'integrated-circuits', 'biomedicine', 'new-materials', 'equipment-manufacturing', 'new-energy', 'environmental', 'agritech', 'information-services'];
const WHOLE_NUMBER_FIELDS = ['enterprise.employees', 'enterprise.techStaff', 'loan.termMonths'] as const;

interface Draft {
  name: string; creditCode: string; industry: string; establishedOn: string; employees: string; techStaff: string;
  labels: string[]; registeredDivision: string; address: string;
  financials: Record<(typeof MONEY_FIELDS)[number], string>;
  product: string; amount: string; termMonths: string; repaymentMethod: string; purpose: string;
  consents: Record<ConsentId, string | null>;
  reply: string;
}

const EMPTY: Draft = {
  name: '', creditCode: '', industry: '', establishedOn: '', employees: '', techStaff: '', labels: [], registeredDivision: '', address: '',
  financials: { revenue: '', totalAssets: '', totalLiabilities: '', netProfit: '', rdExpense: '' },
  product: 'tech-loan', amount: '', termMonths: '12', repaymentMethod: 'equal-instalment', purpose: '',
  consents: { 'data-use': null, 'credit-inquiry': null, 'third-party-data': null },
  reply: '',
};

const STEPS = ['enterprise', 'financials', 'loan', 'consents'] as const;
type Step = (typeof STEPS)[number];
type ProductView = ProductsView['products'][number];

/** Which step a field path (as the schema and the API name it) belongs to. */
function stepOf(path: string): Step {
  if (path.startsWith('enterprise.financials')) return 'financials';
  if (path.startsWith('enterprise')) return 'enterprise';
  if (path.startsWith('loan')) return 'loan';
  return 'consents';
}

/** Empty → undefined (the schema says "enter …"); a whole number → it; anything else → NaN (said here: "a whole number"). */
const wholeOrNaN = (s: string) => (/^\s*-?\d+\s*$/.test(s) ? Number(s) : s.trim() === '' ? undefined : Number.NaN);
const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** What the form keeps in the browser between reloads and tabs, per account and per draft. */
interface Kept { form: Draft; step?: Step; key?: string; draftId?: string; basis?: string }
const keptKey = (user: string, draftId: string | undefined) => `kedai.apply.${user}.${draftId ?? 'new'}`;
function readKept(key: string): Kept | null {
  try { return JSON.parse(localStorage.getItem(key) ?? 'null') as Kept | null; } catch { return null; }
}
const writeKept = (key: string, kept: Kept) => { try { localStorage.setItem(key, JSON.stringify(kept)); } catch { /* full or private: the server draft still holds */ } };

/** The form's text from a saved application (fen back to yuan). */
function fromApplication(a: ApplicationView): Draft {
  const e = a.enterprise;
  return {
    name: e.name, creditCode: e.creditCode, industry: e.industry, establishedOn: e.establishedOn,
    employees: String(e.employees), techStaff: String(e.techStaff), labels: [...e.labels],
    registeredDivision: e.registeredDivision ?? '', address: e.address ?? '',
    financials: Object.fromEntries(MONEY_FIELDS.map((k) => [k, fenToYuanInput(e.financials[k])])) as Draft['financials'],
    product: a.loan.product, amount: fenToYuanInput(a.loan.amount), termMonths: String(a.loan.termMonths),
    repaymentMethod: a.loan.repaymentMethod, purpose: a.loan.purpose,
    // Consents are given again with the final step, at the wording then in force.
    consents: { 'data-use': null, 'credit-inquiry': null, 'third-party-data': null },
    reply: '',
  };
}

export default function Apply() {
  const i18n = useI18n();
  const { t, tx, locale } = i18n;
  const navigate = useNavigate();
  const session = useSession();
  const user = () => session.me()?.username ?? 'anonymous';

  const [params, setParams] = useSearchParams<{ step?: string; draft?: string; enterprise?: string; invitation?: string }>();
  /** The step is the URL's, so Back, Forward and reload land on it. */
  const step = (): Step => ((STEPS as readonly string[]).includes(params.step ?? '') ? params.step as Step : 'enterprise');
  /** The server draft: the URL's, or the one this form created (earlier history entries do not name it). */
  const [createdId, setCreatedId] = createSignal<string>();
  const draftId = () => params.draft ?? createdId();

  const [draft, setDraft] = createStore<Draft>(structuredClone(EMPTY));
  const [ready, setReady] = createSignal(false);
  /** The server version (updatedAt) the form was read at or last saved as. */
  const [basis, setBasis] = createSignal<string>();
  let idempotencyKey = newIdempotencyKey();
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [notice, setNotice] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [failure, setFailure] = createSignal<unknown>();
  let heading: HTMLHeadingElement | undefined;

  const products = createAsync(() => getProducts());
  const enterprises = createAsync(() => getEnterprises());
  const saved = createAsync(async () => (draftId() ? getApplication(draftId()!) : undefined));
  const verified = () => (enterprises() ?? []).filter((e) => e.status === 'verified');
  const editable = () => !saved() || saved()!.status === 'draft' || saved()!.status === 'returned';
  const returned = () => saved()?.status === 'returned';

  // Where the form starts: the server draft (or what this browser kept of it, when the server has not changed since),
  // else this browser's unsaved form, else the chosen enterprise's profile and invitation.
  const [chosen, setChosen] = createSignal('');
  let prefilledFor = '';
  createEffect(on([user, draftId, saved, enterprises], () => {
    if (ready() || !session.me()) return;
    const id = draftId();
    if (id) {
      const app = saved();
      if (!app) return;
      const kept = readKept(keptKey(user(), id));
      setDraft(kept && kept.basis === app.updatedAt ? kept.form : fromApplication(app));
      setBasis(app.updatedAt);
      prefilledFor = app.enterprise.creditCode;
      setChosen(app.enterprise.creditCode);
      setReady(true);
      return;
    }
    const kept = readKept(keptKey(user(), undefined));
    // Asked for another enterprise (its card, an invitation): a new form, the kept one stays for its own enterprise.
    const wanted = params.enterprise ?? params.invitation;
    if (kept?.draftId && (!wanted || wanted === kept.form.creditCode)) { setCreatedId(kept.draftId); return; }
    if (kept && !kept.draftId && (!wanted || wanted === kept.form.creditCode) && !params.invitation) {
      setDraft(kept.form);
      if (kept.key) idempotencyKey = kept.key;
      prefilledFor = kept.form.creditCode;
      setChosen(kept.form.creditCode);
      setReady(true);
      return;
    }
    const list = verified();
    if (!enterprises()) return;
    setChosen(list.find((e) => e.creditCode === wanted)?.creditCode ?? list[0]?.creditCode ?? '');
    setReady(true);
  }));

  createEffect(on(chosen, async (code) => {
    if (!code || code === prefilledFor || draftId()) return;
    prefilledFor = code;
    const [p, invitation] = await Promise.all([
      getEnterpriseProfile(code),
      // An invited enterprise's application starts from the invitation too (DESIGN.md §7.4): its message links here
      // with ?invitation=; without it none is asked for (a 404 for most enterprises).
      params.invitation === code ? api.invitation(code).catch(() => null) : Promise.resolve(null),
    ]);
    const pre = invitation?.prefill.enterprise;
    setDraft({
      name: p.name || pre?.name || '', creditCode: p.creditCode, industry: p.industry || pre?.industry || '',
      establishedOn: p.establishedOn || pre?.establishedOn || '',
      employees: String(p.employees), techStaff: String(p.techStaff),
      labels: [...new Set([...p.labels.map((l) => l.label), ...(pre?.labels ?? [])])], address: p.address,
      // The registry's own division needs no repeating; an invitation's finer one (a county) is kept.
      registeredDivision: pre?.registeredDivision && pre.registeredDivision !== p.creditCode.slice(2, 8) ? pre.registeredDivision : '',
      financials: Object.fromEntries(MONEY_FIELDS.map((k) => [k, fenToYuanInput(p.financials[k].value)])) as Draft['financials'],
    });
    if (invitation) setNotice(t('apply.invitation.prefilled'));
  }));

  // Every keystroke is kept in this browser (all its tabs), tied to the server version it started from.
  createEffect(() => {
    const form = JSON.parse(JSON.stringify(draft)) as Draft;
    if (!untrack(ready) || !form.creditCode) return;
    const id = untrack(draftId);
    writeKept(keptKey(untrack(user), id), { form, step: untrack(step), key: idempotencyKey, basis: untrack(basis) });
  });

  const productOf = (code: string): ProductView | undefined => products()?.products.find((p) => p.code === code);
  const product = () => productOf(draft.product) ?? products()?.products[0];

  /** The request body, plus messages for inputs that could not even be turned into numbers. */
  function build(): { body: CreateApplicationBody; local: Record<string, string> } {
    const local: Record<string, string> = {};
    const money = (path: string, text: string) => {
      if (text.trim() === '') return undefined;
      const fen = yuanToFen(text);
      if (fen === null) local[path] = t('form.yuanFormat');
      return fen ?? Number.NaN;
    };
    const whole = (path: (typeof WHOLE_NUMBER_FIELDS)[number], text: string) => {
      const n = wholeOrNaN(text);
      if (Number.isNaN(n)) local[path] = t('form.wholeNumber');
      return n;
    };
    const financials = Object.fromEntries(MONEY_FIELDS.map((k) => [k, money(`enterprise.financials.${k}`, draft.financials[k])]));
    const consents: Consent[] = CONSENT_IDS.filter((id) => draft.consents[id])
      .map((id) => ({ id, version: CONSENT_VERSION, acceptedAt: draft.consents[id]! }));
    const body = {
      enterprise: {
        name: draft.name, creditCode: draft.creditCode, industry: draft.industry, establishedOn: draft.establishedOn,
        employees: whole('enterprise.employees', draft.employees), techStaff: whole('enterprise.techStaff', draft.techStaff), labels: [...draft.labels],
        registeredDivision: optional(draft.registeredDivision), address: optional(draft.address),
        financials,
      },
      loan: {
        product: draft.product, amount: money('loan.amount', draft.amount), termMonths: whole('loan.termMonths', draft.termMonths),
        repaymentMethod: draft.repaymentMethod, purpose: draft.purpose,
      },
      consents,
    } as unknown as CreateApplicationBody;
    return { body, local };
  }

  /**
   * Messages for every field, by path, all at once: the number conversions, the shared schema's, the checks between
   * fields (which zod would run only once every field parses) and the product's bounds in force, each on the step
   * where its fact is typed.
   */
  function validate(schema: SchemaModule): Record<string, string> {
    const { body, local } = build();
    const found: Record<string, string> = { ...local };
    const result = schema.createApplicationSchema.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) found[issue.path.map(String).join('.')] ??= issue.message;
    }
    for (const [path, message] of Object.entries(schema.enterpriseCrossChecks(body.enterprise))) found[`enterprise.${path}`] ??= message;
    const p = product();
    const loan = schema.loanRequestSchema.safeParse(body.loan);
    if (p && loan.success) {
      const issues = checkLoanAgainstProduct({ ...body, loan: loan.data } as never, { ...p, rateBps: { min: 0, max: 0 } }) ?? {};
      if (issues['loan.amount']) found['loan.amount'] ??= t('apply.amountOutOfRange', { min: formatFen(p.amount.min, locale()), max: formatFen(p.amount.max, locale()) });
      if (issues['loan.termMonths']) found['loan.termMonths'] ??= t('apply.termOutOfRange', { min: p.termMonths.min, max: p.termMonths.max });
      if (issues['loan.repaymentMethod']) found['loan.repaymentMethod'] ??= t('apply.methodNotOffered');
    }
    // The product's labels are checked where the labels are ticked, and again where the product is chosen.
    if (p && p.eligibleLabels.length && !draft.labels.some((l) => p.eligibleLabels.includes(l))) {
      const labels = p.eligibleLabels.map((l) => tx('label', l)).join(t('common.listSeparator'));
      found['enterprise.labels'] ??= t('apply.labelsForProduct', { product: tx('product', p.code), labels });
      found['loan.product'] ??= t('apply.productNeedsLabel', { product: tx('product', p.code), labels });
    }
    if (step() === 'consents' || Object.values(draft.consents).some(Boolean)) {
      for (const id of REQUIRED_CONSENTS) if (!draft.consents[id]) found[`consents.${id}`] = t('consent.required');
    }
    if (returned() && !draft.reply.trim()) found.reply = t('apply.reply.required');
    return found;
  }

  /** The service area and the registered division, as routing will decide them (a cheap call, at step 1). */
  async function areaProblems(): Promise<Record<string, string>> {
    const division = optional(draft.registeredDivision);
    const field = division ? 'enterprise.registeredDivision' : 'enterprise.creditCode';
    try {
      const r = await api.serviceArea({ creditCode: draft.creditCode || undefined, division });
      if (!r.inArea) return { [field]: t('apply.outsideArea', { division: r.division }) };
      if ('code' in r && r.code === 'registered-division-mismatch') {
        return { 'enterprise.registeredDivision': t('apply.divisionMismatch', { own: draft.creditCode.slice(2, 8) }) };
      }
    } catch { /* unreachable now: creating the draft checks the same */ }
    return {};
  }

  function focusFirstError(found: Record<string, string>) {
    queueMicrotask(() => {
      const first = Object.keys(found).map((p) => document.getElementById(fieldId(p))).find(Boolean);
      first?.focus();
    });
  }

  function moveTo(next: Step) {
    setParams({ step: next, ...(draftId() ? { draft: draftId() } : {}) });
    queueMicrotask(() => heading?.focus());
  }

  /** The whole form for the server; consents only once every required one is given (the server checks them whole). */
  function serverBody(): CreateApplicationBody {
    const { body } = build();
    const allGiven = REQUIRED_CONSENTS.every((id) => draft.consents[id]);
    return { ...body, consents: allGiven ? body.consents : undefined } as CreateApplicationBody;
  }

  /** Server field messages land on their step; returns whether it went through. */
  function showServerError(err: unknown): false {
    if (err instanceof ApiError && Object.keys(err.fields).length) {
      setErrors(err.fields);
      const first = STEPS.find((s) => Object.keys(err.fields).some((p) => stepOf(p) === s));
      if (first && first !== step()) moveTo(first);
      focusFirstError(err.fields);
    } else {
      setFailure(err);
    }
    return false;
  }

  /** Saves to the server: creates the draft the first time the whole form is valid, then PATCHes it. */
  async function save(final: boolean): Promise<boolean> {
    const id = draftId();
    setFailure(undefined);
    try {
      if (!id) {
        const app = await api.createApplication(serverBody(), idempotencyKey);
        localStorage.removeItem(keptKey(user(), undefined));
        writeKept(keptKey(user(), undefined), { form: draft, draftId: app.id });
        setBasis(app.updatedAt);
        writeKept(keptKey(user(), app.id), { form: JSON.parse(JSON.stringify(draft)), basis: app.updatedAt });
        setCreatedId(app.id);
        return true;
      }
      const body = { ...serverBody(), ...(final && returned() ? { reply: draft.reply.trim() } : {}) };
      const app = await api.updateApplication(id, body);
      setBasis(app.updatedAt);
      writeKept(keptKey(user(), id), { form: JSON.parse(JSON.stringify(draft)), basis: app.updatedAt });
      return true;
    } catch (err) {
      return showServerError(err);
    }
  }

  /** Checks this step whole (and those before it); stops at the first step with problems; saves once it can. */
  async function goNext(): Promise<boolean> {
    const schema = schemaModule ?? await loadSchema();
    await getProducts();
    const found = validate(schema);
    const upTo = STEPS.indexOf(step());
    if (step() === 'enterprise' && !found['enterprise.creditCode'] && !found['enterprise.registeredDivision']) Object.assign(found, await areaProblems());
    const shown = Object.fromEntries(Object.entries(found).filter(([p]) => STEPS.indexOf(stepOf(p)) <= upTo && (p !== 'loan.product' || upTo >= 2)));
    // Labels refused for the product: at step 1 on the labels, later on the product (the step being looked at).
    if (upTo >= 2 && shown['loan.product']) delete shown['enterprise.labels'];
    setErrors(shown);
    const blocking = STEPS.slice(0, upTo + 1).find((s) => Object.keys(shown).some((p) => stepOf(p) === s));
    if (blocking) {
      if (blocking !== step()) moveTo(blocking);
      focusFirstError(Object.fromEntries(Object.entries(shown).filter(([p]) => stepOf(p) === blocking)));
      return false;
    }
    // From the loan step on, the whole form is valid: the draft is saved on the server. A returned application's
    // correction is saved once, with its reply, so staff read one answer.
    if ((upTo >= 2 || draftId()) && (!returned() || step() === 'consents')) {
      const complete = !Object.keys(found).some((p) => stepOf(p) !== 'consents' && p !== 'reply');
      if (complete && !(await save(step() === 'consents'))) return false;
    }
    if (upTo < STEPS.length - 1) moveTo(STEPS[upTo + 1]);
    return true;
  }

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    try {
      if (!(await goNext()) || step() !== 'consents') return;
      const id = draftId();
      if (!id) return;
      // Done with the form: the documents come next; nothing is left to keep in this browser.
      localStorage.removeItem(keptKey(user(), undefined));
      localStorage.removeItem(keptKey(user(), id));
      navigate(`/applications/${id}/documents`);
    } finally {
      setBusy(false);
    }
  }

  /** Starts over with an empty form for another application; a saved draft stays in the list. */
  function startOver() {
    localStorage.removeItem(keptKey(user(), undefined));
    setCreatedId(undefined);
    idempotencyKey = newIdempotencyKey();
    prefilledFor = '';
    setDraft(structuredClone(EMPTY));
    setErrors({});
    const code = chosen();
    setChosen('');
    setChosen(code);
    setParams({ step: 'enterprise', draft: undefined });
  }

  const err = (path: string) => i18n.fieldMessage(errors()[path]);
  const stepTitle = (s: Step) => t(`apply.step.${s}` as MessageKey);
  const consentAt = (id: ConsentId) => draft.consents[id];
  const summaryMoney = (text: string) => { const f = yuanToFen(text); return f === null ? '—' : formatFen(f, locale()); };
  const enterpriseOptions = () => (draftId() && saved()
    ? [{ value: saved()!.enterprise.creditCode, label: `${saved()!.enterprise.name} (${saved()!.enterprise.creditCode})` }]
    : verified().map((e) => ({ value: e.creditCode, label: `${e.name} (${e.creditCode})` })));
  const noLabelProduct = () => products()?.products.find((p) => !p.eligibleLabels.length);
  const finalLabel = () => (busy() ? t('apply.creating') : returned() ? t('apply.saveCorrection') : t('apply.create'));

  return (
    <section class="panel" data-testid="apply" data-draft={draftId() ?? ''}>
      <h1>{returned() ? t('apply.correctTitle') : t('apply.title')}</h1>
      <ol class="stepper" aria-label={t('apply.progress')}>
        <For each={STEPS}>
          {(s, i) => (
            <li aria-current={step() === s ? 'step' : undefined} classList={{ done: STEPS.indexOf(step()) > i() }}>
              <span class="step-no">{i() + 1}</span> {stepTitle(s)}
            </li>
          )}
        </For>
      </ol>

      <Show when={returned() && saved()?.returnNote}>
        <div class="alert alert-warn" role="note" data-testid="return-note"><p><strong>{t('application.returnNote')}</strong> {saved()!.returnNote}</p></div>
      </Show>
      <Show when={draftId() && saved()?.status === 'draft'}>
        <p class="hint" role="status" data-testid="draft-saved">
          {t('apply.draftSaved')} <button type="button" class="link" onClick={startOver} data-testid="start-over">{t('apply.startOver')}</button>
        </p>
      </Show>
      <Show when={notice()}><p class="hint" role="status" data-testid="invitation-prefilled">{notice()}</p></Show>
      <Show when={failure()}>{(e) => <ErrorMessage error={e()} />}</Show>

      <Show when={editable()} fallback={
        <p class="alert" data-testid="not-editable">{t('documents.notEditable')} <A href={`/applications/${draftId()}`}>{t('documents.viewStatus')}</A>{' '}
          <button type="button" class="link" onClick={startOver}>{t('apply.startOver')}</button></p>
      }>
      <form class="form" novalidate onSubmit={onSubmit} onFocusIn={() => void loadSchema()} onPointerOver={() => void loadSchema()} data-testid="application-form" data-step={step()}>
        <h2 tabindex="-1" ref={heading} data-testid="step-heading">
          {t('apply.stepOf', { n: STEPS.indexOf(step()) + 1, total: STEPS.length })} · {stepTitle(step())}
        </h2>

        <Switch>
          <Match when={step() === 'enterprise'}>
            <Show when={enterprises() && !verified().length && !draftId()}>
              <p class="alert" role="status" data-testid="no-enterprise">{t('apply.enterprise.none')} <A href="/enterprises">{t('apply.enterprise.verify')}</A></p>
            </Show>
            <Show when={params.invitation && enterprises() && !verified().some((e) => e.creditCode === params.invitation)}>
              <p class="alert" role="status" data-testid="invitation-unverified">{t('apply.invitation.verifyFirst')} <A href="/enterprises">{t('apply.enterprise.verify')}</A></p>
            </Show>
            <Show when={draft.creditCode}><p class="hint" data-testid="prefilled">{t('apply.enterprise.prefilled')}</p></Show>
            <div class="grid">
              <SelectField path="enterprise.creditCode" label={t('apply.enterprise')} value={chosen()} onChange={(v) => { if (!draftId()) setChosen(v); }} error={err('enterprise.creditCode')}
                options={enterpriseOptions()} />
              <TextField path="enterprise.name" label={t('field.enterprise.name')} value={draft.name} onInput={(v) => setDraft('name', v)} error={err('enterprise.name')} autocomplete="organization" maxLength={100} />
              <TextField path="enterprise.industry" label={t('field.enterprise.industry')} value={draft.industry} onInput={(v) => setDraft('industry', v)} error={err('enterprise.industry')} list="industries" maxLength={60} />
              <datalist id="industries">
                <For each={INDUSTRIES}>{(v) => <option value={v}>{tx('industry', v)}</option>}</For>
              </datalist>
              <TextField path="enterprise.establishedOn" type="date" label={t('field.enterprise.establishedOn')} value={draft.establishedOn} onInput={(v) => setDraft('establishedOn', v)} error={err('enterprise.establishedOn')} />
              <TextField path="enterprise.employees" inputmode="numeric" label={t('field.enterprise.employees')} value={draft.employees} onInput={(v) => setDraft('employees', v)} error={err('enterprise.employees')} suffix={t('unit.people')} />
              <TextField path="enterprise.techStaff" inputmode="numeric" label={t('field.enterprise.techStaff')} value={draft.techStaff} onInput={(v) => setDraft('techStaff', v)} error={err('enterprise.techStaff')} suffix={t('unit.people')} />
              <TextField path="enterprise.registeredDivision" inputmode="numeric" label={t('field.enterprise.registeredDivision')} hint={t('field.enterprise.registeredDivision.hint')} value={draft.registeredDivision} onInput={(v) => setDraft('registeredDivision', v)} error={err('enterprise.registeredDivision')} maxLength={6} />
              <TextField path="enterprise.address" label={t('field.enterprise.address')} value={draft.address} onInput={(v) => setDraft('address', v)} error={err('enterprise.address')} autocomplete="street-address" maxLength={200} />
            </div>
            <ChoiceGroup path="enterprise.labels" type="checkbox" legend={t('field.enterprise.labels')} hint={t('field.enterprise.labels.hint')} error={err('enterprise.labels')}
              options={KNOWN_LABELS.map((l) => ({ value: l, label: tx('label', l) }))}
              isChecked={(v) => draft.labels.includes(v)}
              onToggle={(v, on) => setDraft('labels', (ls) => (on ? [...ls.filter((x) => x !== v), v] : ls.filter((x) => x !== v)))} />
            <Show when={errors()['enterprise.labels'] ? noLabelProduct() : undefined}>
              {(open) => (
                <p><button type="button" data-testid="choose-open-product" onClick={() => {
                  setDraft('product', open().code);
                  setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'enterprise.labels')));
                }}>{t('apply.chooseOpenProduct', { product: tx('product', open().code) })}</button></p>
              )}
            </Show>
          </Match>

          <Match when={step() === 'financials'}>
            <p class="hint">{t('apply.financials.lead')}</p>
            <div class="grid">
              <For each={MONEY_FIELDS}>
                {(k) => (
                  <TextField path={`enterprise.financials.${k}`} inputmode="decimal" label={t(`field.financials.${k}` as MessageKey)}
                    value={draft.financials[k]} onInput={(v) => setDraft('financials', k, v)} error={err(`enterprise.financials.${k}`)} suffix={t('unit.yuan')} />
                )}
              </For>
            </div>
          </Match>

          <Match when={step() === 'loan'}>
            <div class="grid">
              <SelectField path="loan.product" label={t('field.loan.product')} value={draft.product} onChange={(v) => setDraft('product', v)} error={err('loan.product')}
                options={(products()?.products ?? []).map((p) => ({ value: p.code, label: tx('product', p.code) }))} />
              <TextField path="loan.amount" inputmode="decimal" label={t('field.loan.amount')}
                hint={product() ? t('apply.amountRange', { min: formatFen(product()!.amount.min, locale()), max: formatFen(product()!.amount.max, locale()) }) : undefined}
                value={draft.amount} onInput={(v) => setDraft('amount', v)} error={err('loan.amount')} suffix={t('unit.yuan')} />
              <TextField path="loan.termMonths" inputmode="numeric" label={t('field.loan.termMonths')}
                hint={product() ? t('apply.termRange', { min: product()!.termMonths.min, max: product()!.termMonths.max }) : undefined}
                value={draft.termMonths} onInput={(v) => setDraft('termMonths', v)} error={err('loan.termMonths')} suffix={t('unit.months')} />
            </div>
            <ChoiceGroup path="loan.repaymentMethod" type="radio" legend={t('field.loan.repaymentMethod')} error={err('loan.repaymentMethod')}
              options={(product()?.repaymentMethods ?? []).map((m) => ({ value: m, label: tx('repayment', m) }))}
              isChecked={(v) => draft.repaymentMethod === v} onToggle={(v, on) => on && setDraft('repaymentMethod', v)} />
            <TextAreaField path="loan.purpose" label={t('field.loan.purpose')} value={draft.purpose} onInput={(v) => setDraft('purpose', v)} error={err('loan.purpose')} maxLength={500} />
          </Match>

          <Match when={step() === 'consents'}>
            <dl class="facts summary" data-testid="summary">
              <div><dt>{t('field.enterprise.name')}</dt><dd>{draft.name}</dd></div>
              <div><dt>{t('field.enterprise.creditCode')}</dt><dd>{draft.creditCode}</dd></div>
              <div><dt>{t('field.loan.product')}</dt><dd>{tx('product', draft.product)}</dd></div>
              <div><dt>{t('field.loan.amount')}</dt><dd>{summaryMoney(draft.amount)}</dd></div>
              <div><dt>{t('field.loan.termMonths')}</dt><dd>{t('common.months', { n: draft.termMonths })}</dd></div>
              <div><dt>{t('field.loan.repaymentMethod')}</dt><dd>{tx('repayment', draft.repaymentMethod)}</dd></div>
            </dl>
            <p class="hint">{t('consent.lead', { version: CONSENT_VERSION })}</p>
            <For each={CONSENT_IDS}>
              {(id) => (
                <div class="field consent" classList={{ invalid: !!errors()[`consents.${id}`] }}>
                  <label class="choice">
                    <input type="checkbox" id={fieldId(`consents.${id}`)} name={`consents.${id}`} data-testid={`consent-${id}`}
                      checked={!!consentAt(id)}
                      aria-describedby={`${fieldId(`consents.${id}`)}-text`}
                      onChange={(e) => setDraft('consents', id, e.currentTarget.checked ? new Date().toISOString() : null)} />
                    <span><strong>{t(`consent.${id}.title` as MessageKey)}</strong>
                      {REQUIRED_CONSENTS.includes(id) ? ` (${t('common.required')})` : ` (${t('common.optional')})`}</span>
                  </label>
                  <p class="consent-text" id={`${fieldId(`consents.${id}`)}-text`}>{t(`consent.${id}.text` as MessageKey)}</p>
                  <Show when={consentAt(id)}>
                    {(at) => <p class="hint">{t('consent.recorded', { version: CONSENT_VERSION, at: new Date(at()).toLocaleString(locale()) })}</p>}
                  </Show>
                  <Show when={errors()[`consents.${id}`]}><p class="field-error" data-testid={`error-consents.${id}`}>{errors()[`consents.${id}`]}</p></Show>
                </div>
              )}
            </For>
            <Show when={returned()}>
              <TextAreaField path="reply" label={t('apply.reply')} hint={t('apply.reply.hint')} value={draft.reply} onInput={(v) => setDraft('reply', v)} error={err('reply')} maxLength={2000} />
            </Show>
          </Match>
        </Switch>

        <div class="actions">
          <Show when={step() !== 'enterprise'}>
            <button type="button" onClick={() => moveTo(STEPS[STEPS.indexOf(step()) - 1])} data-testid="back">{t('common.back')}</button>
          </Show>
          <button type="submit" class="primary" data-testid="next" disabled={busy()}>
            {step() === 'consents' ? finalLabel() : t('common.next')}
          </button>
        </div>
      </form>
      </Show>
    </section>
  );
}
