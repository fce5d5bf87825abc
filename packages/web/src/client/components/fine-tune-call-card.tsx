import type { FineTuneView } from '../../shared/api-types';
import { Link } from '../router/link';
import { FineTuneStatusChip } from './fine-tune-status-chip';
import { KeyValues } from './key-values';

/** How a fine-tuned model is called in the playground: the frozen prompt, flow and parser it was trained with. */
export function FineTuneCallCard({ fineTune }: { fineTune: FineTuneView }) {
  return (
    <div className="card card-body form" data-testid="fine-tune-call">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="section-title" style={{ margin: 0 }}>
          Fine-tuned model
        </span>
        <FineTuneStatusChip status={fineTune.status} />
      </div>
      <code style={{ overflowWrap: 'anywhere' }}>
        {fineTune.endpoint?.name ?? fineTune.resultModel ?? 'not ready yet'}
      </code>
      <KeyValues
        items={[
          ['Backend', fineTune.backend],
          ['Base model', fineTune.baseModel],
          ['Call flow', `${fineTune.flow}${fineTune.parser ? ` · ${fineTune.parser}` : ''}`],
          ['Strategy', fineTune.strategy],
        ]}
      />
      <div>
        <div className="label">Frozen system prompt</div>
        <div className="msg-content small">
          {fineTune.prompt.system || <span className="placeholder">(none)</span>}
        </div>
      </div>
      {fineTune.prompt.thinkingInstruction ? (
        <div>
          <div className="label">Thinking instruction</div>
          <div className="msg-reasoning" style={{ margin: 0 }}>
            {fineTune.prompt.thinkingInstruction}
          </div>
        </div>
      ) : null}
      <p className="muted small" style={{ margin: 0 }}>
        Called exactly as it was trained.{' '}
        <Link to={`/fine-tunes/${encodeURIComponent(fineTune.id)}`}>Back to the fine-tune</Link> ·{' '}
        <Link to="/playground">Use another model</Link>
      </p>
    </div>
  );
}
