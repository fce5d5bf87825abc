import { type EndpointInfo, type FineTuneBackend, UserError } from '@distillery/core';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { listFineTunes } from './fine-tune-records';
import { hourlyUsd } from './manage-fine-tune';

/** A dedicated endpoint with what it costs and the fine-tune of this project it serves, if any. */
export interface EndpointView extends EndpointInfo {
  backend: string;
  /** US dollars per hour of one replica, when the provider prices its hardware. */
  usdPerHour?: number;
  /** Whether it is running (and billing): every state but STOPPED and ERROR. */
  billing: boolean;
  fineTuneId?: string;
}

const IDLE = ['STOPPED', 'ERROR'];

type EndpointsBackend = FineTuneBackend & Required<Pick<FineTuneBackend, 'listEndpoints' | 'stopEndpoint'>>;

const hasEndpoints = (backend: FineTuneBackend): backend is EndpointsBackend =>
  typeof backend.listEndpoints === 'function' && typeof backend.stopEndpoint === 'function';

async function endpointsBackend(session: Session, backendId: string): Promise<EndpointsBackend> {
  const backend = await session.plugins.backend(backendId);
  if (!hasEndpoints(backend))
    throw new UserError(
      `Backend "${backendId}" has no dedicated endpoints (nothing of it bills by the hour).`,
      {
        advice: 'Pass --backend with a backend that deploys fine-tunes.',
      },
    );
  return backend;
}

async function views(
  session: Session,
  store: SampleStore,
  backend: FineTuneBackend,
  endpoints: readonly EndpointInfo[],
): Promise<EndpointView[]> {
  const signal = session.ctx.signal ? { signal: session.ctx.signal } : {};
  const prices = new Map<string, number | undefined>();
  if (backend.listHardware && endpoints.length > 0)
    for (const h of await backend.listHardware(undefined, signal)) prices.set(h.id, hourlyUsd(h));
  const owners = new Map(
    (await listFineTunes(store)).filter((r) => r.endpoint).map((r) => [r.endpoint!.id, r.id] as const),
  );
  return endpoints.map((e) => {
    const usd = e.hardware ? prices.get(e.hardware) : undefined;
    const owner = owners.get(e.id);
    return {
      ...e,
      backend: backend.id,
      ...(usd !== undefined ? { usdPerHour: usd } : {}),
      billing: !IDLE.includes(e.state),
      ...(owner ? { fineTuneId: owner } : {}),
    };
  });
}

/** The account's dedicated endpoints on a backend, with their hourly price and fine-tune. */
export async function listEndpoints(
  session: Session,
  store: SampleStore,
  backendId: string,
): Promise<EndpointView[]> {
  const backend = await endpointsBackend(session, backendId);
  const endpoints = await backend.listEndpoints(session.ctx.signal ? { signal: session.ctx.signal } : {});
  return views(session, store, backend, endpoints);
}

/** Stops an endpoint (by id, name, or the fine-tune it serves) so it stops billing. */
export async function stopEndpoint(
  session: Session,
  store: SampleStore,
  backendId: string,
  ref: string,
): Promise<EndpointView> {
  const backend = await endpointsBackend(session, backendId);
  const signal = session.ctx.signal ? { signal: session.ctx.signal } : {};
  const byFineTune = (await listFineTunes(store)).find((r) => r.id === ref || r.jobId === ref)?.endpoint?.id;
  const all = await backend.listEndpoints(signal);
  const target = all.find((e) => e.id === (byFineTune ?? ref) || e.name === ref);
  if (!target)
    throw new UserError(`No endpoint "${ref}" on ${backendId}.`, {
      advice: all.length
        ? `Its endpoints: ${all.map((e) => `${e.id} (${e.name}, ${e.state})`).join(', ')}.`
        : 'It has no dedicated endpoints.',
    });
  const stopped = await backend.stopEndpoint(target.id, signal);
  const [view] = await views(session, store, backend, [{ ...target, state: stopped.state }]);
  return view!;
}
