import {
  findRunConfig,
  findTask,
  GENERATION_FAILURE_KIND,
  GENERATION_JOB_KIND,
  type GenerateSamplesOptions,
  GenerationFailureSchema,
  GenerationJobSchema,
} from '@distillery/runtime';
import type {
  GenerationFailureView,
  GenerationJobView,
  GenerationStreamMessage,
  GenerationsResponse,
} from '../../shared/api-types';
import { HttpError } from '../http-error';
import { openSse } from '../open-sse';
import type { Route } from '../route';
import { bodyFields } from './read-body-fields';

const FAILURES_SHOWN = 50;

function parseSource(value: Record<string, unknown> | undefined): GenerateSamplesOptions['source'] {
  if (!value) return undefined;
  const source = bodyFields(value);
  const type = source.requiredString('type');
  if (type === 'file') return { type: 'file', file: source.requiredString('file') };
  if (type === 'inputs') {
    const inputs = (source.strings('inputs') ?? []).map((s) => s.trim()).filter(Boolean);
    if (inputs.length === 0) throw new HttpError(400, 'Give at least one input.');
    return { type: 'inputs', inputs };
  }
  if (type === 'topics') {
    const guidance = source.string('guidance');
    return {
      type: 'topics',
      topics: source.number('topics', { integer: true, min: 1, max: 1000 }) ?? 5,
      perTopic: source.number('perTopic', { integer: true, min: 1, max: 10_000 }) ?? 10,
      subtopics: source.number('subtopics', { integer: true, min: 0, max: 100 }) ?? 0,
      ...(guidance ? { guidance } : {}),
    };
  }
  throw new HttpError(400, 'source.type must be file, inputs or topics.');
}

/**
 * Generation: the stored generations and failures, start one (`generateSamples`, as
 * `distill generate` runs it), follow its progress over server-sent events, stop it, resume it.
 */
export const generationRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/generations',
    async handler({ ctx }): Promise<GenerationsResponse> {
      const jobs = await ctx.store.listRecords(GENERATION_JOB_KIND, GenerationJobSchema);
      const failures = await ctx.store.listRecords(GENERATION_FAILURE_KIND, GenerationFailureSchema);
      return {
        jobs: jobs.map((r): GenerationJobView => ({ ...r.value, updatedAt: r.updatedAt })).reverse(),
        runs: ctx.generations.list(),
        failures: failures
          .slice(-FAILURES_SHOWN)
          .reverse()
          .map(
            ({ value: f }): GenerationFailureView => ({
              key: f.key,
              jobId: f.jobId,
              taskId: f.taskId,
              runConfig: f.runConfig,
              input: f.input,
              reason: f.reason,
              kind: f.kind,
              failures: f.failures,
              lastFailedAt: f.lastFailedAt,
            }),
          ),
        failureCount: failures.length,
      };
    },
  },
  {
    method: 'POST',
    path: '/api/generations',
    async handler({ ctx, body }) {
      const f = bodyFields(await body());
      const jobId = f.string('jobId');
      let options: GenerateSamplesOptions;
      if (jobId) {
        const job = await ctx.store.getRecord(GENERATION_JOB_KIND, jobId, GenerationJobSchema);
        if (!job) throw new HttpError(404, `No generation with id "${jobId}".`);
        options = {
          taskId: job.value.taskId,
          runConfig: job.value.runConfig,
          source: job.value.source,
          ...(job.value.count !== null ? { count: job.value.count } : {}),
          ...(job.value.tags.length ? { tags: job.value.tags } : {}),
        };
      } else {
        const taskId = f.requiredString('taskId');
        const runConfig = f.string('runConfig');
        const source = parseSource(f.object('source'));
        const retryFailed = f.boolean('retryFailed');
        const tags = f.strings('tags');
        if (!source && !retryFailed)
          throw new HttpError(400, 'Say where the inputs come from (source), or retry the failed ones.');
        options = {
          taskId,
          ...(runConfig ? { runConfig } : {}),
          ...(source ? { source } : {}),
          ...(retryFailed ? { retryFailed } : {}),
          ...(tags?.length ? { tags } : {}),
        };
      }
      const count = f.number('count', { integer: true, min: 1 });
      const concurrency = f.number('concurrency', { integer: true, min: 1, max: 1024 });
      const rpm = f.number('requestsPerMinute', { min: 0.001 });
      const tpm = f.number('tokensPerMinute', { min: 1 });
      const maxCost = f.number('maxCostUsd', { min: 0.000001 });
      Object.assign(options, {
        ...(count !== undefined ? { count } : {}),
        ...(concurrency !== undefined ? { concurrency } : {}),
        ...(rpm !== undefined ? { requestsPerMinute: rpm } : {}),
        ...(tpm !== undefined ? { tokensPerMinute: tpm } : {}),
        ...(maxCost !== undefined ? { maxCostUsd: maxCost } : {}),
      });
      // Fail fast on a wrong task or run config, before anything runs in the background.
      findRunConfig(ctx.session, findTask(ctx.session, options.taskId), options.runConfig);
      return ctx.generations.start(options);
    },
  },
  {
    method: 'GET',
    path: '/api/generations/runs/:runId/events',
    async handler({ ctx, params, res, signal }) {
      const run = ctx.generations.get(params.runId!);
      if (!run) throw new HttpError(404, `No generation run "${params.runId}" on this server.`);
      const sse = openSse(res, ctx.redact);
      const send = (message: GenerationStreamMessage) => sse.send(message);
      await new Promise<void>((resolve) => {
        let last = 0;
        let pending: ReturnType<typeof setTimeout> | undefined;
        const finish = () => {
          clearTimeout(pending);
          unsubscribe();
          sse.close();
          resolve();
        };
        const push = (view: typeof run) => {
          const done = view.status === 'finished' || view.status === 'failed';
          clearTimeout(pending);
          const wait = done ? 0 : Math.max(0, 200 - (Date.now() - last));
          const emit = () => {
            last = Date.now();
            send({ type: 'run', run: view });
            if (done) finish();
          };
          if (wait === 0) emit();
          else pending = setTimeout(emit, wait);
        };
        const unsubscribe = ctx.generations.subscribe(params.runId!, push);
        signal.addEventListener('abort', finish, { once: true });
        push(ctx.generations.get(params.runId!)!);
      });
      return undefined;
    },
  },
  {
    method: 'POST',
    path: '/api/generations/runs/:runId/stop',
    async handler({ ctx, params }) {
      const view = await ctx.generations.stop(params.runId!);
      if (!view) throw new HttpError(404, `No generation run "${params.runId}" on this server.`);
      return view;
    },
  },
];
