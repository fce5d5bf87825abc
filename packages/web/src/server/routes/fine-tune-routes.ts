import { FineTuneMethodSchema, type FineTuneRecord, TrainingStrategySchema } from '@distillery/core';
import {
  cancelFineTune,
  deployFineTune,
  type FineTunePlan,
  findDataset,
  findFineTune,
  isTerminal,
  listDatasets,
  listFineTunes,
  type PlannedFile,
  planFineTune,
  progressOf,
  refreshFineTune,
  runFineTuned,
  startFineTune,
  watchFineTune,
} from '@distillery/runtime';
import type {
  FineTunePlanView,
  FineTuneStreamMessage,
  FineTuneView,
  HardwareView,
  PlannedFileView,
} from '../../shared/api-types';
import { HttpError } from '../http-error';
import { openSse } from '../open-sse';
import type { Route } from '../route';
import { sessionWithSignal } from '../session-with-signal';
import { toApiError } from '../to-api-error';
import { bodyFields } from './read-body-fields';
import { streamModelRun } from './stream-model-run';

function view(record: FineTuneRecord, datasetName: string | null): FineTuneView {
  return {
    ...record,
    events: record.events.map(({ raw: _raw, ...event }) => event),
    progress: progressOf(record),
    terminal: isTerminal(record),
    datasetName,
  };
}

function fileView(file: PlannedFile): PlannedFileView {
  return {
    split: file.split,
    file: file.export.file,
    examples: file.export.examples,
    samples: file.export.samples,
    tokens: file.check.stats.tokensTotal ?? 0,
    warnings: file.check.warnings.length,
  };
}

function planView(plan: FineTunePlan): FineTunePlanView {
  return {
    planId: plan.id,
    backend: plan.backend,
    baseModel: plan.baseModel,
    strategy: plan.strategy,
    method: plan.method,
    format: plan.format,
    datasetName: plan.dataset.name,
    train: fileView(plan.train),
    validation: plan.validation ? fileView(plan.validation) : null,
    hyperparameters: plan.request.hyperparameters,
    trainingMethod: plan.request.trainingMethod,
    price: plan.price,
    call: plan.call,
  };
}

async function datasetNames(ctx: {
  store: Parameters<typeof listDatasets>[0];
}): Promise<Map<string, string>> {
  return new Map((await listDatasets(ctx.store)).map((d) => [d.id, d.name]));
}

/**
 * Fine-tunes over the runtime's pipeline, as `distill train`, `jobs`, `status --watch`, `cancel`,
 * `deploy` and `run --finetune` do: a dry-run plan (exports, strict checks, price), start it,
 * watch it live, cancel, deploy, and call the result with its frozen prompt and flow.
 */
export function fineTuneRoutes(options: { pollMs: number }): Route[] {
  return [
    {
      method: 'GET',
      path: '/api/fine-tunes',
      async handler({ ctx }): Promise<FineTuneView[]> {
        const names = await datasetNames(ctx);
        return (await listFineTunes(ctx.store)).map((r) => view(r, names.get(r.datasetId) ?? null));
      },
    },
    {
      method: 'POST',
      path: '/api/fine-tunes/plans',
      async handler({ ctx, body, signal }): Promise<FineTunePlanView> {
        const f = bodyFields(await body());
        const strategy = TrainingStrategySchema.safeParse(f.requiredString('strategy'));
        if (!strategy.success) throw new HttpError(400, 'strategy must be final-only or reasoning.');
        const method = FineTuneMethodSchema.safeParse(f.string('method') ?? 'lora');
        if (!method.success) throw new HttpError(400, 'method must be lora or full.');
        const suffix = f.string('suffix');
        const hyperparameters = f.object('hyperparameters');
        const plan = await planFineTune(sessionWithSignal(ctx.session, signal), ctx.store, {
          dataset: f.requiredString('dataset'),
          backend: f.requiredString('backend'),
          baseModel: f.requiredString('baseModel'),
          strategy: strategy.data,
          // A backend without a LoRA/full choice refuses one; the form always sends one.
          ...((await ctx.session.plugins.backend(f.requiredString('backend'))).methods
            ? { method: method.data }
            : {}),
          ...(hyperparameters ? { hyperparameters } : {}),
          ...(suffix ? { suffix } : {}),
        });
        ctx.fineTunePlans.add(plan);
        return planView(plan);
      },
    },
    {
      method: 'POST',
      path: '/api/fine-tunes',
      async handler({ ctx, body }): Promise<FineTuneView> {
        const planId = bodyFields(await body()).requiredString('planId');
        const plan = ctx.fineTunePlans.take(planId);
        if (!plan)
          throw new HttpError(404, 'That plan is gone (plans live until started or the server restarts).', {
            advice: 'Make the plan again.',
          });
        // Not tied to this request: leaving the page must not abort an upload half-way.
        const record = await startFineTune(ctx.session, ctx.store, plan);
        return view(record, plan.dataset.name);
      },
    },
    {
      method: 'GET',
      path: '/api/fine-tunes/:id',
      async handler({ ctx, params, query, signal }): Promise<FineTuneView> {
        let record = await findFineTune(ctx.store, params.id!);
        if (query.get('refresh') === 'true' && !isTerminal(record)) {
          record = await refreshFineTune(sessionWithSignal(ctx.session, signal), ctx.store, record);
        }
        const dataset = await findDataset(ctx.store, record.datasetId).catch(() => undefined);
        return view(record, dataset?.name ?? null);
      },
    },
    {
      method: 'GET',
      path: '/api/fine-tunes/:id/watch',
      async handler({ ctx, params, res, signal }) {
        const record = await findFineTune(ctx.store, params.id!);
        const dataset = await findDataset(ctx.store, record.datasetId).catch(() => undefined);
        const session = sessionWithSignal(ctx.session, signal);
        const sse = openSse(res, ctx.redact);
        const send = (message: FineTuneStreamMessage) => sse.send(message);
        try {
          // The CLI's `status --watch` loop: a poll the provider did not answer (5xx, 429, a dropped
          // connection, after the client's own retries) is reported and polled again, not the end.
          await watchFineTune(session, ctx.store, record, {
            intervalMs: options.pollMs,
            onRetry: (error) => send({ type: 'retrying', message: error.message }),
            onUpdate: (current) =>
              send({ type: 'fine-tune', fineTune: view(current, dataset?.name ?? null) }),
          });
        } catch (error) {
          if (!signal.aborted) send({ type: 'error', error: toApiError(error).body });
        } finally {
          sse.close();
        }
        return undefined;
      },
    },
    {
      method: 'POST',
      path: '/api/fine-tunes/:id/cancel',
      async handler({ ctx, params }): Promise<FineTuneView> {
        const record = await cancelFineTune(
          ctx.session,
          ctx.store,
          await findFineTune(ctx.store, params.id!),
        );
        return view(record, null);
      },
    },
    {
      method: 'GET',
      path: '/api/fine-tunes/:id/hardware',
      async handler({ ctx, params, signal }): Promise<HardwareView[]> {
        const record = await findFineTune(ctx.store, params.id!);
        const backend = await ctx.session.plugins.backend(record.backend);
        if (!backend.listHardware) return [];
        const options = record.resultModel ?? record.baseModel;
        return (await backend.listHardware(options, { signal })).map((h) => ({
          id: h.id,
          ...(h.centsPerMinute !== undefined ? { centsPerMinute: h.centsPerMinute } : {}),
          ...(h.available !== undefined ? { available: h.available } : {}),
        }));
      },
    },
    {
      method: 'POST',
      path: '/api/fine-tunes/:id/deploy',
      async handler({ ctx, params, body }): Promise<FineTuneView> {
        const f = bodyFields(await body());
        const minReplicas = f.number('minReplicas', { integer: true, min: 0, max: 100 });
        const maxReplicas = f.number('maxReplicas', { integer: true, min: 1, max: 100 });
        const record = await deployFineTune(
          ctx.session,
          ctx.store,
          await findFineTune(ctx.store, params.id!),
          {
            hardware: f.requiredString('hardware'),
            ...(minReplicas !== undefined ? { minReplicas } : {}),
            ...(maxReplicas !== undefined ? { maxReplicas } : {}),
            wait: false,
          },
        );
        return view(record, null);
      },
    },
    {
      method: 'POST',
      path: '/api/fine-tunes/:id/run',
      async handler({ ctx, params, body, res, signal }) {
        const input = bodyFields(await body()).requiredString('input');
        const record = await findFineTune(ctx.store, params.id!);
        const session = sessionWithSignal(ctx.session, signal);
        await streamModelRun(res, ctx.redact, signal, (onEvent) =>
          runFineTuned(session, record, { input, stream: true, onEvent }),
        );
        return undefined;
      },
    },
  ];
}
