import type { CSSProperties } from 'react';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
}

/** A row of toggle buttons of which exactly one is on. */
export function SegmentedControl<T extends string>(props: {
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  label?: string;
  style?: CSSProperties;
}) {
  return (
    <fieldset className="segmented" aria-label={props.label} style={props.style}>
      {props.options.map((option) => (
        <button
          key={option.value}
          type="button"
          className={props.value === option.value ? 'on' : ''}
          onClick={() => props.onChange(option.value)}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
