import type { EvalSummaryView } from '../../shared/api-types';
import { formatRelative } from '../format';
import { Link } from '../router/link';
import { navigate } from '../router/navigate';
import { percentText } from './eval-figures';

function itemsText(e: EvalSummaryView): string {
  const source =
    e.itemsLabel ?? (e.items.type === 'split' ? `${e.items.dataset}/${e.items.split}` : e.items.file);
  return e.itemCount === undefined ? source : `${e.itemCount} from ${source}`;
}

/** The stored evals: what was compared on which items, and each candidate's headline score. */
export function EvalList({ evals }: { evals: readonly EvalSummaryView[] }) {
  return (
    <table className="table" data-testid="eval-list">
      <thead>
        <tr>
          <th>Eval</th>
          <th>Task</th>
          <th>Items</th>
          <th>Scorer</th>
          <th>Candidates (score)</th>
          <th>Status</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {evals.map((e) => {
          const to = `/evals/${encodeURIComponent(e.id)}`;
          return (
            <tr key={e.id} className="clickable" onClick={() => navigate(to)}>
              <td style={{ fontWeight: 550 }}>
                <Link to={to}>{e.id}</Link>
              </td>
              <td>{e.taskId}</td>
              <td className="muted">{itemsText(e)}</td>
              <td>
                <code>{e.scorer.id}</code>
              </td>
              <td>
                {e.headlines
                  ? e.headlines.map((h) => (
                      <div key={h.name}>
                        {h.name}
                        {h.name === e.reference ? <span className="muted small"> (reference)</span> : null}{' '}
                        <b>{percentText(h.score)}</b>
                      </div>
                    ))
                  : `${e.candidates.length} candidates`}
              </td>
              <td>
                <span
                  className={`chip ${e.status === 'complete' ? 'chip-ok' : e.status === 'running' ? 'chip-accent' : 'chip-warn'}`}
                >
                  {e.status === 'stopped' && e.stopReason ? `stopped (${e.stopReason})` : e.status}
                </span>
              </td>
              <td className="muted">{formatRelative(e.updatedAt ?? e.createdAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
