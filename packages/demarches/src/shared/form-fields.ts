import { html, nothing } from 'lit';

/**
 * The agents' forms' fields (the partner, closure and outreach editors): a labelled input or
 * textarea, a fieldset of checkboxes or radio buttons, a select, each with its hint and its
 * error wired for screen readers (`aria-describedby`, `aria-invalid`), the same way in every
 * editor. Pure template functions: the element keeps the values and the errors.
 */

/** Where a form's fields are (their element ids), what is wrong with them, and the words "(obligatoire)" / "(facultatif)". */
export interface FieldsContext<K extends string> {
  /** The element id of each field (a fieldset for a group of boxes); its error is `<id>-error`, its hint `<id>-hint`. */
  ids: Readonly<Record<K, string>>;
  errors: Partial<Record<K, string>>;
  required: string;
  optional: string;
}

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const toggle = <T>(list: readonly T[], item: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item);

/** The id of the first field in error, in the order of `ids`. */
export function firstErrorIdOf<K extends string>(ids: Readonly<Record<K, string>>, errors: Partial<Record<K, string>>): string | undefined {
  const first = (Object.keys(ids) as K[]).find((k) => errors[k]);
  return first && ids[first];
}

/** `aria-describedby` of a field: its hint, and its error when there is one. */
export function describedBy<K extends string>(c: FieldsContext<K>, key: K, hint: boolean) {
  const id = c.ids[key];
  const ids = [hint ? `${id}-hint` : '', c.errors[key] ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

export function fieldError<K extends string>(c: FieldsContext<K>, key: K) {
  const message = c.errors[key];
  return message ? html`<p class="error-text field-error" id=${`${c.ids[key]}-error`}>${message}</p>` : nothing;
}

/** A label saying "(obligatoire)" or "(facultatif)", or neither (`null`: the fieldset's legend says it). */
export function fieldLabel<K extends string>(c: FieldsContext<K>, key: K, text: string, required: boolean | null) {
  return html`<label class="field" for=${c.ids[key]}>
    ${text}${required === null ? nothing : html` <span class="small">${required ? c.required : c.optional}</span>`}
  </label>`;
}

export interface FieldOptions {
  hint?: string;
  /** True: "(obligatoire)"; false (the default): "(facultatif)"; null: neither. */
  required?: boolean | null;
  type?: string;
  max?: number;
  textarea?: boolean;
  /** For number inputs. */
  step?: string;
  min?: number;
  list?: string;
}

/** A labelled text field (input or textarea) with its hint and its error, wired for screen readers. */
export function textField<K extends string>(
  c: FieldsContext<K>,
  key: K,
  text: string,
  value: string,
  onInput: (value: string) => void,
  o: FieldOptions = {},
) {
  const id = c.ids[key];
  const input = (e: Event) => onInput((e.target as HTMLInputElement).value);
  const invalid = c.errors[key] ? 'true' : 'false';
  const described = describedBy(c, key, !!o.hint);
  return html`${fieldLabel(c, key, text, o.required === undefined ? false : o.required)}
    ${o.hint ? html`<p class="small" id=${`${id}-hint`}>${o.hint}</p>` : nothing}
    ${
      o.textarea
        ? html`<textarea id=${id} maxlength=${o.max ?? nothing} .value=${value} aria-invalid=${invalid} aria-describedby=${described} @input=${input}></textarea>`
        : html`<input
          id=${id}
          type=${o.type ?? 'text'}
          autocomplete="off"
          maxlength=${o.max ?? nothing}
          step=${o.step ?? nothing}
          min=${o.min ?? nothing}
          list=${o.list ?? nothing}
          ?required=${!!o.required}
          aria-required=${o.required ? 'true' : nothing}
          .value=${value}
          aria-invalid=${invalid}
          aria-describedby=${described}
          @input=${input}
        />`
    }
    ${fieldError(c, key)}`;
}

/** A fieldset of checkboxes or radio buttons, its error under the legend (focus goes to its first box). */
export function boxes<K extends string, T extends string | number>(
  c: FieldsContext<K>,
  key: K,
  legend: unknown,
  type: 'checkbox' | 'radio',
  values: readonly T[],
  text: (v: T) => string,
  checked: (v: T) => boolean,
  pick: (v: T, on: boolean) => void,
  o: { hint?: string; name?: string; cls?: string } = {},
) {
  const id = c.ids[key];
  return html`<fieldset id=${id} aria-describedby=${describedBy(c, key, !!o.hint)}>
    <legend>${legend}</legend>
    ${o.hint ? html`<p class="small" id=${`${id}-hint`}>${o.hint}</p>` : nothing} ${fieldError(c, key)}
    <div class="boxes ${o.cls ?? key}">
      ${values.map(
        (v) => html`<label class="box">
          <input
            type=${type}
            name=${o.name ?? key}
            value=${v}
            .checked=${checked(v)}
            @change=${(e: Event) => pick(v, (e.target as HTMLInputElement).checked)}
          /><span>${text(v)}</span>
        </label>`,
      )}
    </div>
  </fieldset>`;
}

/** A select with its label, hint and error. */
export function selectField<K extends string>(
  c: FieldsContext<K>,
  key: K,
  labelled: unknown,
  options: unknown,
  onChange: (value: string) => void,
  hint?: unknown,
) {
  const id = c.ids[key];
  return html`${labelled} ${hint ? html`<p class="small" id=${`${id}-hint`}>${hint}</p>` : nothing}
    <select
      id=${id}
      aria-invalid=${c.errors[key] ? 'true' : 'false'}
      aria-describedby=${describedBy(c, key, !!hint)}
      @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
    >
      ${options}
    </select>
    ${fieldError(c, key)}`;
}

export const option = (value: string | number, text: string, selected: boolean) =>
  html`<option value=${value} ?selected=${selected}>${text}</option>`;
