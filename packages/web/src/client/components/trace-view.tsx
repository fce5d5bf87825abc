import type { Sample } from '../../shared/api-types';

/** Every message of a conversation in order, reasoning shown above an assistant turn's content. */
export function TraceView({ trace }: { trace: Sample['trace'] }) {
  if (trace.length === 0) return <p className="muted small">No trace was recorded for this sample.</p>;
  return (
    <div className="trace" data-testid="trace">
      {trace.map((message, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a trace is fixed; its messages have no ids
        <div key={`${index}-${message.role}`} className={`msg ${message.role}`}>
          <div className="msg-role">{message.role}</div>
          <div className="msg-content">
            {message.reasoning ? <div className="msg-reasoning">{message.reasoning}</div> : null}
            {message.content || <span className="placeholder">(empty)</span>}
          </div>
        </div>
      ))}
    </div>
  );
}
