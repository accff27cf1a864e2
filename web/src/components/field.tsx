/**
 * A labelled form control with its message. The message is tied to the control with aria-describedby
 * and the control is marked aria-invalid, so screen readers announce both.
 */
import { Show, splitProps, type JSX } from 'solid-js';

export const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

interface FieldShell { path: string; label: string; hint?: string; error?: string; suffix?: string }

function Shell(props: FieldShell & { children: JSX.Element }) {
  const id = () => fieldId(props.path);
  return (
    <div class="field" classList={{ invalid: !!props.error }}>
      <label for={id()}>{props.label}</label>
      <Show when={props.hint}><p class="hint" id={`${id()}-hint`}>{props.hint}</p></Show>
      <div class="control">
        {props.children}
        <Show when={props.suffix}><span class="suffix" aria-hidden="true">{props.suffix}</span></Show>
      </div>
      <Show when={props.error}>
        <p class="field-error" id={`${id()}-error`} data-testid={`error-${props.path}`}>{props.error}</p>
      </Show>
    </div>
  );
}

const describedBy = (p: FieldShell) =>
  [p.hint ? `${fieldId(p.path)}-hint` : '', p.error ? `${fieldId(p.path)}-error` : ''].filter(Boolean).join(' ') || undefined;

type InputProps = FieldShell & { value: string; onInput: (value: string) => void } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onInput' | 'id'>;

export function TextField(props: InputProps) {
  const [shell, , rest] = splitProps(props, ['path', 'label', 'hint', 'error', 'suffix'], ['value', 'onInput']);
  return (
    <Shell {...shell}>
      <input
        {...rest}
        id={fieldId(shell.path)}
        name={shell.path}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={shell.error ? 'true' : undefined}
        aria-describedby={describedBy(shell)}
      />
    </Shell>
  );
}

export function TextAreaField(props: FieldShell & { value: string; onInput: (value: string) => void; rows?: number; maxLength?: number }) {
  return (
    <Shell path={props.path} label={props.label} hint={props.hint} error={props.error}>
      <textarea
        id={fieldId(props.path)}
        name={props.path}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      />
    </Shell>
  );
}

export function SelectField(props: FieldShell & { value: string; onChange: (value: string) => void; options: { value: string; label: string }[]; placeholder?: string }) {
  return (
    <Shell path={props.path} label={props.label} hint={props.hint} error={props.error}>
      <select
        id={fieldId(props.path)}
        name={props.path}
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props)}
      >
        <Show when={props.placeholder}><option value="">{props.placeholder}</option></Show>
        {props.options.map((o) => <option value={o.value}>{o.label}</option>)}
      </select>
    </Shell>
  );
}

/** A group of radios or checkboxes under one legend; the first control carries the group's id for focus. */
export function ChoiceGroup(props: {
  path: string; legend: string; hint?: string; error?: string; type: 'radio' | 'checkbox';
  options: { value: string; label: string }[]; isChecked: (value: string) => boolean; onToggle: (value: string, checked: boolean) => void;
}) {
  const id = () => fieldId(props.path);
  return (
    <fieldset class="field choice-group" classList={{ invalid: !!props.error }} aria-describedby={props.error ? `${id()}-error` : undefined}>
      <legend>{props.legend}</legend>
      <Show when={props.hint}><p class="hint">{props.hint}</p></Show>
      <div class="choices">
        {props.options.map((o, i) => (
          <label class="choice">
            <input
              type={props.type}
              id={i === 0 ? id() : `${id()}-${o.value}`}
              name={props.path}
              value={o.value}
              checked={props.isChecked(o.value)}
              onChange={(e) => props.onToggle(o.value, e.currentTarget.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <Show when={props.error}><p class="field-error" id={`${id()}-error`} data-testid={`error-${props.path}`}>{props.error}</p></Show>
    </fieldset>
  );
}
