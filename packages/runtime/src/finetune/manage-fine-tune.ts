import { type FineTuneRecord, type HardwareOption, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { saveFineTune } from './fine-tune-records';
import { pause } from './pause';
import { isTerminal, refreshFineTune } from './refresh-fine-tune';

import { noJobError } from './watch-fine-tune';

function requireJob(record: FineTuneRecord): string {
  if (record.jobId) return record.jobId;
  throw noJobError(record);
}

/** US dollars per hour of one replica, when the provider prices the hardware. */
export function hourlyUsd(hardware: HardwareOption): number | undefined {
  return hardware.centsPerMinute === undefined ? undefined : (hardware.centsPerMinute * 60) / 100;
}

function hardwareLine(h: HardwareOption): string {
  const usd = hourlyUsd(h);
  return `${h.id}${usd === undefined ? '' : ` ($${usd.toFixed(2)}/hour)`}${h.available === false ? ' [unavailable]' : ''}`;
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
  /** Hardware id; when absent the error lists what the model can run on. */
  hardware?: string;
  /** Start another endpoint even though the fine-tune has one that is not stopped. */
  another?: boolean;
  /** Called once the hardware is checked, before the provider is asked to start anything. */
  onHardware?: (hardware: HardwareOption, usdPerHour: number | undefined) => void;
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
  if (fresh.status === 'failed' || fresh.status === 'cancelled') {
    throw new UserError(
      `Fine-tune ${record.id} ${fresh.status}${fresh.error ? `: ${fresh.error}` : ''}; there is no model to deploy.`,
      {
        advice: `See \`distill events ${record.id}\` for what happened, and start a new one with \`distill train\`.`,
      },
    );
  }
  if (fresh.status !== 'completed' || !fresh.resultModel) {
    throw new UserError(`Fine-tune ${record.id} is ${fresh.status}; only a completed one can be deployed.`, {
      advice: `Wait for it: \`distill status ${record.id} --watch\`.`,
    });
  }
  const signalOptions = session.ctx.signal ? { signal: session.ctx.signal } : {};
  if (fresh.endpoint && !options.another) {
    const existing = backend.getEndpoint
      ? await backend.getEndpoint(fresh.endpoint.id, signalOptions).catch(() => undefined)
      : fresh.endpoint;
    if (existing && !('state' in existing && existing.state === 'STOPPED')) {
      throw new UserError(
        `Fine-tune ${record.id} already has endpoint ${fresh.endpoint.name} (${fresh.endpoint.id}${'state' in existing ? `, ${existing.state}` : ''}), which bills by the hour while it runs.`,
        {
          advice: `Call it with \`distill run --finetune ${record.id}\`; stop it with \`distill endpoints stop ${fresh.endpoint.id}\`; pass --another to start a second one anyway.`,
        },
      );
    }
  }
  if (backend.listHardware) {
    const offered = await backend.listHardware(fresh.resultModel, signalOptions);
    const chosen = offered.find((h) => h.id === options.hardware);
    const list = offered.map(hardwareLine).join(', ');
    if (!chosen) {
      throw new UserError(
        options.hardware
          ? `Hardware "${options.hardware}" cannot serve ${fresh.resultModel}; nothing was started.`
          : `Choose the hardware to serve ${fresh.resultModel} on.`,
        { advice: `Pass --hardware with one of: ${list || '(the provider offers none for this model)'}.` },
      );
    }
    options.onHardware?.(chosen, hourlyUsd(chosen));
  }
  const hardware = options.hardware;
  if (!hardware)
    throw new UserError('Choose the hardware to serve the model on.', { advice: 'Pass --hardware ID.' });
  const deployment = await backend.deploy(
    {
      model: fresh.resultModel,
      hardware,
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
