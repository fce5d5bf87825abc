export interface SelectOption<T extends string> {
  value: T;
  label: string;
}

/** A labelled `<select>` in a form field; `empty` adds a first option with the value `''`. */
export function SelectField<T extends string>(props: {
  id: string;
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: readonly SelectOption<T>[];
  empty?: string;
}) {
  return (
    <div className="field">
      <label className="label" htmlFor={props.id}>
        {props.label}
      </label>
      <select
        id={props.id}
        className="select"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Options whose label is their id (providers, flows, parsers). */
export function idOptions(items: readonly { id: string }[]): SelectOption<string>[] {
  return items.map((item) => ({ value: item.id, label: item.id }));
}
