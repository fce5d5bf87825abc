import type { ReactNode } from 'react';

/** A labelled number. */
export function StatTile({
  name,
  value,
  hint,
  testId,
}: {
  name: string;
  value: ReactNode;
  hint?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="stat" data-testid={testId}>
      <div className="value">{value}</div>
      <div className="name">
        {name}
        {hint ? <span className="muted"> · {hint}</span> : null}
      </div>
    </div>
  );
}
