import { type FineTuneRecord, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { saveFineTune } from './fine-tune-records';
import { pause } from './pause';
import { isTerminal, refreshFineTune } from './refresh-fine-tune';

function requireJob(record: FineTuneRecord): string {
  if (record.jobId) return record.jobId;
  throw new UserError(`Fine-tune ${record.id} never reached the provider (no job id).`, {
    advice: 'Start it again with `distill train`.',
  });
}

/** Asks the provider to cancel a running fine-tune and records the new status. */
export async function cancelFineTune(
  session: Session,
  store: SampleStore,
  record: FineTuneRecord,
): Promise<FineTuneRecord> {
  const fresh = await refreshFineTune(session, store, record);
  if (isTerminal(fresh)) {
    throw new UserError(`Fine-tune ${record.id} is already ${fresh.status}; nothing to cancel.`, {
      advice: 'See `distill jobs`.',
    });
  }
  const backend = await session.plugins.backend(record.backend);
  await backend.cancel(requireJob(fresh), session.ctx.signal ? { signal: session.ctx.signal } : {});
  return refreshFineTune(session, store, fresh);
}

export interface DeployOptions {
  hardware: string;
  minReplicas?: number;
  maxReplicas?: number;
  /** Wait until the endpoint serves requests (default true). */
  wait?: boolean;
  /** Milliseconds between endpoint polls while waiting. Default 10 s. */
  intervalMs?: number;
  /** Give up waiting after this long. Default 30 minutes. */
  timeoutMs?: number;
  onState?: (state: string) => void;
}

const SERVING = 'STARTED';
const BROKEN = ['ERROR', 'FAILED', 'STOPPED'];

async function waitForEndpoint(
  backend: { getEndpoint?: (id: string, o?: { signal?: AbortSignal }) => Promise<{ state: string }> },
  id: string,
  options: DeployOptions,
  signal: AbortSignal | undefined,
): Promise<string> {
  if (!backend.getEndpoint) return 'unknown';
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  let last = '';
  for (;;) {
    const { state } = await backend.getEndpoint(id, signal ? { signal } : {});
    if (state !== last) options.onState?.(state);
    last = state;
    if (state === SERVING) return state;
    if (BROKEN.includes(state)) {
      throw new UserError(`Endpoint ${id} ended up ${state} instead of serving.`, {
        advice:
          'Check the endpoint in the provider console; try other hardware with `distill deploy --hardware`.',
      });
    }
    if (Date.now() > deadline) {
      throw new UserError(`Endpoint ${id} is still ${state} after waiting.`, {
        advice: 'It may still start: check again later; `distill run --finetune` works once it serves.',
      });
    }
    await pause(options.intervalMs ?? 10_000, signal);
  }
}

/** Deploys a completed fine-tune to a dedicated endpoint (backends that host models). */
export async function deployFineTune(
  session: Session,
  store: SampleStore,
  record: FineTuneRecord,
  options: DeployOptions,
): Promise<FineTuneRecord> {
  const fresh = await refreshFineTune(session, store, record);
  const backend = await session.plugins.backend(record.backend);
  if (!backend.deploy) {
    throw new UserError(
      `Backend "${record.backend}" has no deploy step: call the fine-tuned model directly.`,
      {
        advice: `Run it with \`distill run --finetune ${record.id} --input "..."\`.`,
      },
    );
  }
  if (fresh.status !== 'completed' || !fresh.resultModel) {
    throw new UserError(`Fine-tune ${record.id} is ${fresh.status}; only a completed one can be deployed.`, {
      advice: `Wait for it: \`distill status ${record.id} --watch\`.`,
    });
  }
  const deployment = await backend.deploy(
    {
      model: fresh.resultModel,
      hardware: options.hardware,
      ...(options.minReplicas !== undefined ? { minReplicas: options.minReplicas } : {}),
      ...(options.maxReplicas !== undefined ? { maxReplicas: options.maxReplicas } : {}),
    },
    session.ctx.signal ? { signal: session.ctx.signal } : {},
  );
  const saved = await saveFineTune(store, {
    ...fresh,
    endpoint: {
      id: deployment.id,
      name: deployment.name,
      ...(deployment.hardware ? { hardware: deployment.hardware } : {}),
    },
  });
  if (options.wait !== false) await waitForEndpoint(backend, deployment.id, options, session.ctx.signal);
  return saved;
}
