import type { ReactNode } from 'react';

export interface AnswerPanelProps {
  /** Taller, for live runs. */
  tall?: boolean;
  text: string | null;
  structured?: unknown;
  streaming?: boolean;
  emptyText?: string;
  extra?: ReactNode;
}

/** The final answer, and the structured value parsed from it when the task has a schema. */
export function AnswerPanel({ text, structured, streaming, emptyText, extra, tall }: AnswerPanelProps) {
  return (
    <section
      className={`panel answer${tall ? ' tall' : ''}`}
      aria-label="Final answer"
      data-testid="answer-panel"
    >
      <div className="panel-head">
        Final answer
        <span className="spacer" />
        {extra}
      </div>
      <div className={`panel-body${streaming ? ' cursor' : ''}`} data-testid="answer-text">
        {text ? text : <span className="placeholder">{emptyText ?? 'No answer.'}</span>}
        {structured !== undefined && structured !== null ? (
          <pre className="json" style={{ marginTop: 12 }}>
            {JSON.stringify(structured, null, 2)}
          </pre>
        ) : null}
      </div>
    </section>
  );
}
