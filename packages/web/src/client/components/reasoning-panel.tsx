import { formatCount } from '../format';

export interface ReasoningPanelProps {
  /** Taller, for live runs. */
  tall?: boolean;
  text: string | null;
  streaming?: boolean;
  truncated?: boolean;
  origin?: string | null;
  /** What to say when there is no reasoning. */
  emptyText?: string;
}

/** The model's thinking: a muted monospace panel, kept apart from the answer. */
export function ReasoningPanel({ text, streaming, truncated, origin, emptyText, tall }: ReasoningPanelProps) {
  return (
    <section
      className={`panel reasoning${tall ? ' tall' : ''}`}
      aria-label="Reasoning"
      data-testid="reasoning-panel"
    >
      <div className="panel-head">
        Reasoning
        {origin ? <span className="chip">{origin}</span> : null}
        {truncated ? <span className="chip chip-warn">cut off</span> : null}
        <span className="spacer" />
        {text ? <span className="muted small">{formatCount(text.length)} chars</span> : null}
      </div>
      <div className={`panel-body${streaming ? ' cursor' : ''}`} data-testid="reasoning-text">
        {text ? text : <span className="placeholder">{emptyText ?? 'No reasoning.'}</span>}
      </div>
    </section>
  );
}
