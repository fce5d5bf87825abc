import type { FineTuneEvent } from '@distillery/core';
import { asRecord, isRecord, parseLoss } from '@distillery/provider-kit';

function level(raw: unknown): FineTuneEvent['level'] {
  if (typeof raw !== 'string') return 'info';
  if (/error/i.test(raw)) return 'error';
  if (/warn/i.test(raw)) return 'warning';
  return 'info';
}

const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/**
 * A Together `FinetuneEvent` as core's FineTuneEvent: `legacy_*` levels folded onto info/warning/
 * error, step and total steps when given, and the training loss from the event's metrics or, as
 * Together words it, from the message (`… (train loss 1.23)`).
 */
export function toTogetherEvent(raw: unknown): FineTuneEvent {
  const e = asRecord(raw);
  const message = typeof e.message === 'string' ? e.message : '';
  const metrics = isRecord(e.metrics) ? e.metrics : null;
  const metricLoss = metrics?.train_loss ?? metrics?.loss;
  const loss = typeof metricLoss === 'number' ? metricLoss : parseLoss(message);
  const step = int(e.step);
  const totalSteps = int(e.total_steps);
  return {
    at: typeof e.created_at === 'string' ? e.created_at : new Date(0).toISOString(),
    message,
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    level: level(e.level),
    ...(step !== undefined ? { step } : {}),
    ...(totalSteps !== undefined && totalSteps > 0 ? { totalSteps } : {}),
    ...(loss !== undefined ? { loss } : {}),
    raw,
  };
}
