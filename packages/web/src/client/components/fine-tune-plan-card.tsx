import type { FineTunePlanView } from '../../shared/api-types';
import { formatCount, formatUsd } from '../format';
import { KeyValues } from './key-values';

export interface FineTunePlanCardProps {
  plan: FineTunePlanView;
  busy: boolean;
  onStart: () => void;
}

/** The dry run: files, counts, price and the flow the model will be called with. Nothing spent yet. */
export function FineTunePlanCard({ plan, busy, onStart }: FineTunePlanCardProps) {
  const hp = Object.entries(plan.hyperparameters);
  return (
    <section className="card" data-testid="fine-tune-plan">
      <div className="card-header">
        <div>
          <h2>Plan (dry run)</h2>
          <div className="muted small">Exported and checked; nothing uploaded or spent yet.</div>
        </div>
        <div className="row">
          <span className="stat" style={{ padding: '6px 12px' }}>
            <span className="value" style={{ fontSize: 17 }} data-testid="plan-price">
              {plan.price.totalUsd === null ? 'Price unknown' : `≈ ${formatUsd(plan.price.totalUsd)}`}
            </span>
          </span>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={onStart}>
            {busy ? 'Uploading…' : 'Start fine-tune'}
          </button>
        </div>
      </div>
      <div className="card-body grid-2">
        <KeyValues
          items={[
            ['Dataset', plan.datasetName],
            ['Backend', `${plan.backend} · ${plan.baseModel}`],
            [
              'Training',
              `${plan.strategy} · ${plan.method === 'lora' ? 'LoRA' : 'full'} · ${plan.trainingMethod}`,
            ],
            ['Format', plan.format],
            [
              `Train (${plan.train.split})`,
              `${formatCount(plan.train.examples)} examples · ${formatCount(plan.train.tokens)} tokens${plan.train.warnings ? ` · ${plan.train.warnings} warnings` : ''}`,
            ],
            [
              'Validation',
              plan.validation
                ? `${plan.validation.split}: ${formatCount(plan.validation.examples)} examples · ${formatCount(plan.validation.tokens)} tokens`
                : 'none',
            ],
            [
              'Hyperparameters',
              hp.length ? hp.map(([k, v]) => `${k}=${String(v)}`).join(', ') : 'provider defaults',
            ],
            ['Price', plan.price.note ?? plan.price.source],
          ]}
        />
        <div className="stack" style={{ gap: 8 }}>
          <div className="section-title">The model will be called with</div>
          <div className="row">
            <span className="chip chip-accent">{plan.call.flow} flow</span>
            {plan.call.parser ? <span className="chip">parser {plan.call.parser}</span> : null}
          </div>
          <div className="msg-content small">
            {plan.call.prompt.system || <span className="placeholder">(no system prompt)</span>}
          </div>
          {plan.call.prompt.thinkingInstruction ? (
            <div className="msg-reasoning" style={{ margin: 0 }}>
              {plan.call.prompt.thinkingInstruction}
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
