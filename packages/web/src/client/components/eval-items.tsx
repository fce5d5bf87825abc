import { useMemo, useState } from 'react';
import type { EvalItemAnswer, EvalItemRow, EvalReport } from '../../shared/api-types';
import { formatMs, formatUsd } from '../format';
import { scoreLabel, verdictOf } from './eval-figures';
import { SegmentedControl } from './segmented-control';
import { VerdictMark as Mark } from './verdict-mark';

type ItemFilter = 'all' | 'wrong' | 'disagree';

const FILTERS = [
  { value: 'all', label: 'All items' },
  { value: 'wrong', label: 'Any wrong' },
  { value: 'disagree', label: 'Candidates disagree' },
] as const;

function keep(row: EvalItemRow, names: readonly string[], filter: ItemFilter): boolean {
  if (filter === 'all') return true;
  const verdicts = names.map((n) => verdictOf(row.answers[n]));
  if (filter === 'wrong') return verdicts.some((v) => v === 'wrong' || v === 'partial');
  return new Set(verdicts).size > 1;
}

function AnswerColumn({ name, answer }: { name: string; answer: EvalItemAnswer | null | undefined }) {
  if (!answer) {
    return (
      <div className="eval-answer" data-candidate={name}>
        <h4>{name}</h4>
        <p className="muted">Not answered.</p>
      </div>
    );
  }
  return (
    <div className="eval-answer" data-candidate={name}>
      <h4>
        {name} <Mark verdict={verdictOf(answer)} label={scoreLabel(answer)} />
      </h4>
      <div className="muted small">
        {answer.extracted !== null ? <>read: {answer.extracted} · </> : null}
        {formatUsd(answer.costUsd)} · {formatMs(answer.latencyMs)} · {answer.tokens.output} output tokens
        {answer.outcomes.map((o) => (
          <span key={o} className="chip chip-warn">
            {o}
          </span>
        ))}
      </div>
      <div className="label">Reasoning</div>
      {answer.reasoning ? (
        <pre className="eval-text eval-reasoning">{answer.reasoning}</pre>
      ) : (
        <p className="muted small">No reasoning.</p>
      )}
      <div className="label">Answer</div>
      <pre className="eval-text">{answer.content || '(empty)'}</pre>
      {answer.judgeReasoning ? (
        <details>
          <summary>Judge's reasoning</summary>
          <pre className="eval-text">{answer.judgeReasoning}</pre>
        </details>
      ) : null}
    </div>
  );
}

/**
 * Per-item drill-down: every item with each candidate's mark, and for the chosen item each
 * candidate's reasoning and answer side by side with its score.
 */
export function EvalItems({ report }: { report: EvalReport }) {
  const names = report.candidates.map((c) => c.name);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const rows = useMemo(
    () => report.perItem.map((row, index) => ({ row, index })).filter(({ row }) => keep(row, names, filter)),
    [report, names, filter],
  );
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const selected = rows.find((r) => r.row.id === chosen) ?? rows[0];
  return (
    <section className="card">
      <div className="card-header">
        <h2>Items</h2>
        <SegmentedControl label="Which items" options={FILTERS} value={filter} onChange={setFilter} />
        <span className="muted small">
          {rows.length} of {report.perItem.length}
        </span>
      </div>
      <div className="eval-item-list">
        <table className="table" data-testid="eval-items">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Input</th>
              {names.map((n) => (
                <th key={n}>{n}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ row, index }) => (
              <tr
                key={row.id}
                className={`clickable${selected?.row.id === row.id ? ' selected' : ''}`}
                aria-selected={selected?.row.id === row.id}
                onClick={() => setChosen(row.id)}
              >
                <td className="num muted">{index + 1}</td>
                <td className="eval-input-cell">{row.input}</td>
                {names.map((n) => {
                  const answer = row.answers[n];
                  return (
                    <td key={n}>
                      <Mark verdict={verdictOf(answer)} label={answer ? scoreLabel(answer) : '—'} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {selected ? (
        <div className="card-body" data-testid="eval-item-detail">
          <div className="label">
            Item {selected.index + 1} · {selected.row.id}
          </div>
          <pre className="eval-text">{selected.row.input}</pre>
          {selected.row.reference !== null ? (
            <>
              <div className="label">Reference</div>
              <pre className="eval-text">{selected.row.reference}</pre>
            </>
          ) : null}
          <div
            className="eval-answers"
            style={{ gridTemplateColumns: `repeat(${names.length}, minmax(0, 1fr))` }}
          >
            {names.map((n) => (
              <AnswerColumn key={n} name={n} answer={selected.row.answers[n]} />
            ))}
          </div>
        </div>
      ) : (
        <p className="card-body muted">No item matches.</p>
      )}
    </section>
  );
}
