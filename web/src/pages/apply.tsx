/**
 * The stepwise application for one of the account's verified enterprises, pre-filled from what the bank already
 * knows (its profile): for a tech loan the applicant types the amount and the purpose, little else.
 * Steps: 1 enterprise, 2 financials (yuan in the form, integer fen on the wire),
 * 3 loan, 4 separate consents. Each step is checked with the shared schema before moving on; the API
 * checks the same schema again and its field messages land next to the same inputs.
 */
import { A, action, createAsync, useAction, useNavigate, useSearchParams, useSubmission } from '@solidjs/router';
import { createEffect, createSignal, For, Match, on, Show, Switch } from 'solid-js';
import { createStore } from 'solid-js/store';
import { KNOWN_LABELS, PRODUCTS, REPAYMENT_METHODS, type Product } from '../../../shared/catalog.js';
import { CONSENT_IDS, CONSENT_VERSION, REQUIRED_CONSENTS, type ConsentId } from '../../../shared/consents.js';
import { checkLoanAgainstProduct, PRODUCT_CONFIG } from '../../../shared/products.js';
import { ErrorMessage } from '../components/error-message.js';
import { ChoiceGroup, fieldId, SelectField, TextAreaField, TextField } from '../components/field.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { api, ApiError, newIdempotencyKey, type Consent, type CreateApplicationBody } from '../lib/api.js';
import { fenToYuanInput, formatFen, yuanToFen } from '../lib/format.js';
import { getEnterpriseProfile, getEnterprises } from './enterprises.data.js';


/**
 * zod and the shared schema load when the applicant starts filling in, not with the page (first-load size);
 * once loaded, checks run synchronously, so Next moves on at once.
 */
type SchemaModule = typeof import('../../../shared/schemas/application.js');
let schemaModule: SchemaModule | undefined;
let schemaLoading: Promise<SchemaModule> | undefined;
const loadSchema = () => (schemaLoading ??= import('../lib/zod-jitless.js')
  .then(() => import('../../../shared/schemas/application.js'))
  .then((m) => (schemaModule = m), (err) => { schemaLoading = undefined; throw err; }));

const MONEY_FIELDS = ['revenue', 'totalAssets', 'totalLiabilities', 'netProfit', 'rdExpense'] as const;
const INDUSTRIES = ['software', 'electronics', 'integrated-circuits', 'biomedicine', 'new-materials', 'equipment-manufacturing', 'new-energy', 'environmental', 'agritech', 'information-services'];

interface Draft {
  name: string; creditCode: string; industry: string; establishedOn: string; employees: string; techStaff: string;
  labels: string[]; registeredDivision: string; address: string;
  financials: Record<(typeof MONEY_FIELDS)[number], string>;
  product: string; amount: string; termMonths: string; repaymentMethod: string; purpose: string;
  consents: Record<ConsentId, string | null>;
}

const STEPS = ['enterprise', 'financials', 'loan', 'consents'] as const;
type Step = (typeof STEPS)[number];

/** Which step a field path (as the schema and the API name it) belongs to. */
function stepOf(path: string): Step {
  if (path.startsWith('enterprise.financials')) return 'financials';
  if (path.startsWith('enterprise')) return 'enterprise';
  if (path.startsWith('loan')) return 'loan';
  return 'consents';
}

const intOrNaN = (s: string) => (/^\s*\d+\s*$/.test(s) ? Number(s) : s.trim() === '' ? undefined : Number.NaN);
const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

export default function Apply() {
  const i18n = useI18n();
  const { t, tx, locale } = i18n;
  const navigate = useNavigate();
  const idempotencyKey = newIdempotencyKey();

  const [draft, setDraft] = createStore<Draft>({
    name: '', creditCode: '', industry: '', establishedOn: '', employees: '', techStaff: '', labels: [], registeredDivision: '', address: '',
    financials: { revenue: '', totalAssets: '', totalLiabilities: '', netProfit: '', rdExpense: '' },
    product: 'tech-loan', amount: '', termMonths: '12', repaymentMethod: 'equal-instalment', purpose: '',
    consents: { 'data-use': null, 'credit-inquiry': null, 'third-party-data': null },
  });
  const [step, setStep] = createSignal<Step>('enterprise');

  // Only a verified enterprise can apply; the chosen one's profile fills in what the bank already knows.
  const [params] = useSearchParams<{ enterprise?: string }>();
  const enterprises = createAsync(() => getEnterprises());
  const verified = () => (enterprises() ?? []).filter((e) => e.status === 'verified');
  const [chosen, setChosen] = createSignal('');
  createEffect(() => {
    const list = verified();
    if (!chosen() && list.length) setChosen(list.find((e) => e.creditCode === params.enterprise)?.creditCode ?? list[0].creditCode);
  });
  createEffect(on(chosen, async (code) => {
    if (!code) return;
    const p = await getEnterpriseProfile(code);
    setDraft({
      name: p.name, creditCode: p.creditCode, industry: p.industry, establishedOn: p.establishedOn,
      employees: String(p.employees), techStaff: String(p.techStaff), labels: p.labels.map((l) => l.label), address: p.address,
      financials: Object.fromEntries(MONEY_FIELDS.map((k) => [k, fenToYuanInput(p.financials[k].value)])) as Draft['financials'],
    });
  }));
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  let heading: HTMLHeadingElement | undefined;

  /** The request body, plus messages for inputs that could not even be turned into numbers. */
  function build(): { body: CreateApplicationBody; local: Record<string, string> } {
    const local: Record<string, string> = {};
    const money = (path: string, text: string) => {
      if (text.trim() === '') return undefined;
      const fen = yuanToFen(text);
      if (fen === null) local[path] = t('form.yuanFormat');
      return fen ?? Number.NaN;
    };
    const financials = Object.fromEntries(MONEY_FIELDS.map((k) => [k, money(`enterprise.financials.${k}`, draft.financials[k])]));
    const consents: Consent[] = CONSENT_IDS.filter((id) => draft.consents[id])
      .map((id) => ({ id, version: CONSENT_VERSION, acceptedAt: draft.consents[id]! }));
    const body = {
      enterprise: {
        name: draft.name, creditCode: draft.creditCode, industry: draft.industry, establishedOn: draft.establishedOn,
        employees: intOrNaN(draft.employees), techStaff: intOrNaN(draft.techStaff), labels: [...draft.labels],
        registeredDivision: optional(draft.registeredDivision), address: optional(draft.address),
        financials,
      },
      loan: {
        product: draft.product, amount: money('loan.amount', draft.amount), termMonths: intOrNaN(draft.termMonths),
        repaymentMethod: draft.repaymentMethod, purpose: draft.purpose,
      },
      consents,
    } as unknown as CreateApplicationBody;
    return { body, local };
  }

  /** Messages for every field, by path: local conversion problems first, then the shared schema's. */
  function validate({ createApplicationSchema }: SchemaModule): Record<string, string> {
    const { body, local } = build();
    const found: Record<string, string> = { ...local };
    const result = createApplicationSchema.safeParse(body);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join('.');
        found[path] ??= issue.message;
      }
    } else {
      // The product's own bounds (amount, term, methods, eligible labels), as the API checks them.
      for (const [path, message] of Object.entries(checkLoanAgainstProduct(result.data) ?? {})) found[path] ??= message;
    }
    for (const id of REQUIRED_CONSENTS) if (!draft.consents[id]) found[`consents.${id}`] = t('consent.required');
    return found;
  }

  function focusFirstError(found: Record<string, string>) {
    queueMicrotask(() => {
      const first = Object.keys(found).map((p) => document.getElementById(fieldId(p))).find(Boolean);
      first?.focus();
    });
  }

  /** Checks this step and those before it; stops at the first step with problems. */
  function goNext(): boolean | Promise<boolean> {
    return schemaModule ? goNextWith(schemaModule) : loadSchema().then(goNextWith);
  }

  function goNextWith(schema: SchemaModule): boolean {
    const found = validate(schema);
    const upTo = STEPS.indexOf(step());
    const blocking = STEPS.slice(0, upTo + 1).find((s) => Object.keys(found).some((p) => stepOf(p) === s));
    const shown = Object.fromEntries(Object.entries(found).filter(([p]) => STEPS.indexOf(stepOf(p)) <= upTo));
    setErrors(shown);
    if (blocking) {
      setStep(blocking);
      focusFirstError(Object.fromEntries(Object.entries(shown).filter(([p]) => stepOf(p) === blocking)));
      return false;
    }
    if (upTo < STEPS.length - 1) moveTo(STEPS[upTo + 1]);
    return true;
  }

  function moveTo(next: Step) {
    setStep(next);
    queueMicrotask(() => heading?.focus());
  }

  const create = action(async (body: CreateApplicationBody) => api.createApplication(body, idempotencyKey), 'create-application');
  const runCreate = useAction(create);
  const submission = useSubmission(create);

  async function onSubmit(e: SubmitEvent) {
    e.preventDefault();
    if (step() !== 'consents') { await goNext(); return; }
    if (!(await goNext()) || submission.pending) return;
    try {
      const app = await runCreate(build().body);
      navigate(`/applications/${app.id}/documents`);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        setErrors(err.fields);
        const first = STEPS.find((s) => Object.keys(err.fields).some((p) => stepOf(p) === s));
        if (first) { setStep(first); focusFirstError(err.fields); }
      }
    }
  }

  const err = (path: string) => i18n.fieldMessage(errors()[path]);
  const stepTitle = (s: Step) => t(`apply.step.${s}` as MessageKey);
  const consentAt = (id: ConsentId) => draft.consents[id];
  const product = () => PRODUCT_CONFIG[draft.product as Product] ?? PRODUCT_CONFIG['tech-loan'];
  const summaryMoney = (text: string) => { const f = yuanToFen(text); return f === null ? '—' : formatFen(f, locale()); };

  return (
    <section class="panel">
      <h1>{t('apply.title')}</h1>
      <ol class="stepper" aria-label={t('apply.progress')}>
        <For each={STEPS}>
          {(s, i) => (
            <li aria-current={step() === s ? 'step' : undefined} classList={{ done: STEPS.indexOf(step()) > i() }}>
              <span class="step-no">{i() + 1}</span> {stepTitle(s)}
            </li>
          )}
        </For>
      </ol>

      <Show when={submission.error}>{(e) => <ErrorMessage error={e()} />}</Show>

      <form class="form" novalidate onSubmit={onSubmit} onFocusIn={() => void loadSchema()} onPointerOver={() => void loadSchema()} data-testid="application-form">
        <h2 tabindex="-1" ref={heading} data-testid="step-heading">
          {t('apply.stepOf', { n: STEPS.indexOf(step()) + 1, total: STEPS.length })} · {stepTitle(step())}
        </h2>

        <Switch>
          <Match when={step() === 'enterprise'}>
            <Show when={enterprises() && !verified().length}>
              <p class="alert" role="status" data-testid="no-enterprise">{t('apply.enterprise.none')} <A href="/enterprises">{t('apply.enterprise.verify')}</A></p>
            </Show>
            <Show when={draft.creditCode}><p class="hint" data-testid="prefilled">{t('apply.enterprise.prefilled')}</p></Show>
            <div class="grid">
              <SelectField path="enterprise.creditCode" label={t('apply.enterprise')} value={chosen()} onChange={setChosen} error={err('enterprise.creditCode')}
                options={verified().map((e) => ({ value: e.creditCode, label: `${e.name} (${e.creditCode})` }))} />
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
                options={PRODUCTS.map((p) => ({ value: p, label: tx('product', p) }))} />
              <TextField path="loan.amount" inputmode="decimal" label={t('field.loan.amount')}
                hint={t('apply.amountRange', { min: formatFen(product().amount.min, locale()), max: formatFen(product().amount.max, locale()) })} value={draft.amount} onInput={(v) => setDraft('amount', v)} error={err('loan.amount')} suffix={t('unit.yuan')} />
              <TextField path="loan.termMonths" inputmode="numeric" label={t('field.loan.termMonths')}
                hint={t('apply.termRange', { min: product().termMonths.min, max: product().termMonths.max })} value={draft.termMonths} onInput={(v) => setDraft('termMonths', v)} error={err('loan.termMonths')} suffix={t('unit.months')} />
            </div>
            <ChoiceGroup path="loan.repaymentMethod" type="radio" legend={t('field.loan.repaymentMethod')} error={err('loan.repaymentMethod')}
              options={REPAYMENT_METHODS.map((m) => ({ value: m, label: tx('repayment', m) }))}
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
          </Match>
        </Switch>

        <div class="actions">
          <Show when={step() !== 'enterprise'}>
            <button type="button" onClick={() => moveTo(STEPS[STEPS.indexOf(step()) - 1])} data-testid="back">{t('common.back')}</button>
          </Show>
          <button type="submit" class="primary" data-testid="next" disabled={submission.pending}>
            {step() === 'consents' ? (submission.pending ? t('apply.creating') : t('apply.create')) : t('common.next')}
          </button>
        </div>
      </form>
    </section>
  );
}
