import { formatCount } from '../format';

/** Tag counts as horizontal bars against a total: the balance of a dataset at a glance. */
export function TagBars({
  tags,
  total,
  limit = 8,
}: {
  tags: Record<string, number>;
  total: number;
  limit?: number;
}) {
  const entries = Object.entries(tags)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit);
  if (entries.length === 0) return <p className="muted small">No tags.</p>;
  return (
    <div className="stack" style={{ gap: 8 }}>
      {entries.map(([tag, count]) => (
        <div key={tag}>
          <div className="row small" style={{ justifyContent: 'space-between' }}>
            <span>{tag}</span>
            <span className="muted">{formatCount(count)}</span>
          </div>
          <div className="bar">
            <span style={{ width: `${total ? Math.round((count / total) * 100) : 0}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}
