import type { FineTuneEvent } from '@distillery/core';
import { asRecord, isRecord, parseLoss } from '@distillery/provider-kit';

const int = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined);

/** An OpenAI `fine_tuning.job.event` as core's FineTuneEvent; `metrics` events give step, total steps and loss. */
export function toOpenAIEvent(raw: unknown): FineTuneEvent {
  const e = asRecord(raw);
  const message = typeof e.message === 'string' ? e.message : '';
  const data = isRecord(e.data) ? e.data : null;
  const loss = typeof data?.train_loss === 'number' ? data.train_loss : parseLoss(message);
  const step = int(data?.step);
  const totalSteps = int(data?.total_steps);
  return {
    at: new Date((typeof e.created_at === 'number' ? e.created_at : 0) * 1000).toISOString(),
    message,
    ...(typeof e.type === 'string' ? { type: e.type } : {}),
    level: e.level === 'error' ? 'error' : e.level === 'warn' || e.level === 'warning' ? 'warning' : 'info',
    ...(step !== undefined ? { step } : {}),
    ...(totalSteps !== undefined ? { totalSteps } : {}),
    ...(loss !== undefined ? { loss } : {}),
    raw,
  };
}
