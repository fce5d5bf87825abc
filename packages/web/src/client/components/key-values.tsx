import type { ReactNode } from 'react';

/** A definition list of labelled values; undefined values are left out. */
export function KeyValues({ items }: { items: [string, ReactNode | undefined][] }) {
  return (
    <dl className="kv">
      {items
        .filter(([, value]) => value !== undefined && value !== null && value !== '')
        .map(([key, value]) => (
          <div key={key} style={{ display: 'contents' }}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
