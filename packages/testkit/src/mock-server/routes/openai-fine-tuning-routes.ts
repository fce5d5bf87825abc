import { cursorPage } from '../cursor-page';
import type { MockFileStore } from '../mock-file-store';
import type { MockFineTunes } from '../mock-fine-tunes';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { OpenAiFineTuningJob } from '../openai-fine-tuning-job';
import { validateOpenAiFineTuningJob } from '../validate-openai-fine-tuning-job';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The OpenAI job of `:id`, or a 404 (Together jobs are not visible here). */
function jobOf(
  ctx: MockRouteContext,
  fineTunes: MockFineTunes,
  poll = false,
): OpenAiFineTuningJob | MockResponse {
  const id = ctx.params.id!;
  const job = poll ? fineTunes.simulation.poll(id) : fineTunes.simulation.get(id);
  if (job instanceof OpenAiFineTuningJob) return job;
  return ctx.error(404, `Could not find fine-tuning job: ${id}`, { param: 'fine_tuning_job_id' });
}

/** Newest first, as OpenAI lists jobs, events and checkpoints. */
function newestFirst<T>(items: readonly T[]): T[] {
  return [...items].reverse();
}

/** OpenAI's `/v1/fine_tuning/jobs*` routes over the shared job simulation. */
export function createOpenAiFineTuningRoutes(
  fineTunes: MockFineTunes,
  files: MockFileStore,
): MockRouteDefinition[] {
  return [
    defineMockRoute({
      method: 'POST',
      path: '/v1/fine_tuning/jobs',
      handler(ctx) {
        if (!isRecord(ctx.body)) return ctx.invalid('The request body must be a JSON object');
        const params = validateOpenAiFineTuningJob(ctx.body, files);
        if ('message' in params) return ctx.invalid(params.message, { param: params.param });
        return { body: fineTunes.createOpenAi(params).toJSON() };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine_tuning/jobs',
      handler(ctx) {
        const filters = Object.entries(ctx.query)
          .map(([k, v]) => [/^metadata\[(.+)\]$/.exec(k)?.[1], v] as const)
          .filter((e): e is readonly [string, string] => e[0] !== undefined);
        const jobs = fineTunes.simulation
          .list()
          .filter((j): j is OpenAiFineTuningJob => j instanceof OpenAiFineTuningJob)
          .filter((j) => filters.every(([k, v]) => j.params.metadata?.[k] === v));
        return cursorPage(ctx, newestFirst(jobs), { defaultLimit: 20, render: (j) => j.toJSON() });
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine_tuning/jobs/:id',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes, true);
        return job instanceof OpenAiFineTuningJob ? { body: job.toJSON() } : job;
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/fine_tuning/jobs/:id/cancel',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof OpenAiFineTuningJob)) return job;
        if (!job.cancel(Date.now()))
          return ctx.invalid(
            `Job ${job.id} has already ${job.status === 'cancelled' ? 'been cancelled' : job.status}; it cannot be cancelled.`,
          );
        return { body: job.toJSON() };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine_tuning/jobs/:id/events',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof OpenAiFineTuningJob)) return job;
        return cursorPage(ctx, newestFirst(job.events), { defaultLimit: 20 });
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine_tuning/jobs/:id/checkpoints',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof OpenAiFineTuningJob)) return job;
        return cursorPage(ctx, newestFirst(job.checkpoints), { defaultLimit: 10, withIds: true });
      },
    }),
  ];
}
