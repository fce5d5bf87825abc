import { type FineTuneRecord, type FlowEvent, UserError } from '@distillery/core';
import { type RunModelResult, runModel } from '../run/run-model';
import type { Session } from '../session';

/**
 * Calls a fine-tuned model exactly as it was trained: the frozen prompt, the call flow that
 * matches its strategy, and the parser for its reasoning layout. Deployed models are called by
 * their endpoint name, others by the resulting model id.
 */
export async function runFineTuned(
  session: Session,
  record: FineTuneRecord,
  options: { input: unknown; stream?: boolean; onEvent?: (event: FlowEvent) => void },
): Promise<RunModelResult> {
  const model = record.endpoint?.name ?? record.resultModel;
  if (!model && (record.status === 'failed' || record.status === 'cancelled')) {
    throw new UserError(
      `Fine-tune ${record.id} ${record.status}${record.error ? `: ${record.error}` : ''}; it has no model to run.`,
      {
        advice: `See \`distill events ${record.id}\` for what happened, and start a new one with \`distill train\`.`,
      },
    );
  }
  if (!model) {
    throw new UserError(`Fine-tune ${record.id} has no model yet (status: ${record.status}).`, {
      advice: `Wait for it to complete: \`distill status ${record.id} --watch\`.`,
    });
  }
  return runModel(session, {
    // Records made before fine-tunes named their provider were all called by the backend's id.
    provider: record.provider ?? record.backend,
    model,
    flow: record.flow,
    ...(record.parser ? { parser: record.parser } : {}),
    prompt: record.prompt,
    input: options.input,
    ...(options.stream ? { stream: true } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
}
