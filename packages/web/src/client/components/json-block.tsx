/** A JSON value, pretty-printed. */
export function JsonBlock({ value, empty = 'None' }: { value: unknown; empty?: string }) {
  if (value === undefined || value === null) return <p className="muted small">{empty}</p>;
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}
