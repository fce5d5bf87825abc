import type { MockFileStore } from '../mock-file-store';
import type { MockFineTunes } from '../mock-fine-tunes';
import type { MockResponse, MockRouteContext } from '../mock-route';
import { defineMockRoute, type MockRouteDefinition } from '../mock-route-definition';
import { TogetherFineTuneJob, togetherPricePerMillion } from '../together-fine-tune-job';
import { validateTogetherFineTune } from '../validate-together-fine-tune';

/** The mock's account spending limit (USD) that `estimate-price` checks against. */
const USER_LIMIT = 100;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const NOT_JSON = 'The request body must be a JSON object';

/** The Together job of `:id`, or a 404 (OpenAI jobs are not visible here). */
function jobOf(
  ctx: MockRouteContext,
  fineTunes: MockFineTunes,
  poll = false,
): TogetherFineTuneJob | MockResponse {
  const id = ctx.params.id!;
  const job = poll ? fineTunes.simulation.poll(id) : fineTunes.simulation.get(id);
  if (job instanceof TogetherFineTuneJob) return job;
  return ctx.error(404, `Fine-tune job not found: ${id}`, { code: 'not_found' });
}

/** Together's `/v1/fine-tunes*` routes over the shared job simulation. */
export function createTogetherFineTunesRoutes(
  fineTunes: MockFineTunes,
  files: MockFileStore,
): MockRouteDefinition[] {
  return [
    defineMockRoute({
      method: 'POST',
      path: '/v1/fine-tunes',
      handler(ctx) {
        if (!isRecord(ctx.body)) return ctx.invalid(NOT_JSON);
        const params = validateTogetherFineTune(ctx.body, (m) => fineTunes.limits(m), files);
        if ('message' in params) return ctx.invalid(params.message, { param: params.param });
        return { body: fineTunes.createTogether(params).truncated() };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes',
      handler() {
        const data = fineTunes.simulation
          .list()
          .filter((j): j is TogetherFineTuneJob => j instanceof TogetherFineTuneJob)
          .map((j) => j.truncated());
        return { body: { data } };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/:id',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes, true);
        return job instanceof TogetherFineTuneJob ? { body: job.full() } : job;
      },
    }),
    defineMockRoute({
      method: 'DELETE',
      path: '/v1/fine-tunes/:id',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof TogetherFineTuneJob)) return job;
        fineTunes.simulation.delete(job.id);
        return { body: { message: `Fine-tune job ${job.id} deleted` } };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/fine-tunes/:id/cancel',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof TogetherFineTuneJob)) return job;
        if (!job.cancel(Date.now()))
          return ctx.invalid(`Fine-tune job ${job.id} cannot be cancelled: its status is ${job.status}`);
        return { body: job.truncated() };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/:id/events',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        return job instanceof TogetherFineTuneJob ? { body: { data: job.events } } : job;
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/:id/checkpoints',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        return job instanceof TogetherFineTuneJob ? { body: { data: [...job.checkpoints].reverse() } } : job;
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/:id/metrics',
      handler(ctx) {
        const job = jobOf(ctx, fineTunes);
        if (!(job instanceof TogetherFineTuneJob)) return job;
        const from =
          ctx.query.global_step_from === undefined ? -Infinity : Number(ctx.query.global_step_from);
        const to = ctx.query.global_step_to === undefined ? Infinity : Number(ctx.query.global_step_to);
        return {
          body: { metrics: job.metrics.filter((m) => m.global_step! >= from && m.global_step! <= to) },
        };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/models/limits',
      handler(ctx) {
        const name = ctx.query.model_name;
        if (!name) return ctx.invalid('model_name is required', { param: 'model_name' });
        const limits = fineTunes.limits(name);
        if (!limits)
          return ctx.error(404, `Model ${name} is not supported for fine-tuning`, { param: 'model_name' });
        return { body: limits };
      },
    }),
    defineMockRoute({
      method: 'GET',
      path: '/v1/fine-tunes/models/supported',
      handler() {
        return { body: { models: fineTunes.supportedModels() } };
      },
    }),
    defineMockRoute({
      method: 'POST',
      path: '/v1/fine-tunes/estimate-price',
      handler(ctx) {
        if (!isRecord(ctx.body)) return ctx.invalid(NOT_JSON);
        return estimatePrice(ctx, ctx.body, fineTunes, files);
      },
    }),
  ];
}

function estimatePrice(
  ctx: MockRouteContext,
  body: Record<string, unknown>,
  fineTunes: MockFineTunes,
  files: MockFileStore,
): MockResponse {
  if (typeof body.training_file !== 'string')
    return ctx.invalid('training_file is required', { param: 'training_file' });
  const model = typeof body.model === 'string' ? body.model : 'Qwen/Qwen3-8B';
  if (!fineTunes.limits(model))
    return ctx.invalid(`The model ${model} is not available for fine-tuning.`, { param: 'model' });
  const train = files.get(body.training_file);
  if (!train) return ctx.error(404, `File ${body.training_file} not found`, { param: 'training_file' });
  const unavailable = (reason: string): MockResponse => ({
    body: { estimation_available: false, unavailable_reason: reason },
  });
  if (train.content === null || !train.validationReport) return unavailable('train_file_not_validated');
  if (!train.validationReport.valid) return unavailable('train_file_invalid');
  if (train.validationReport.dataset_is_multimodal) return unavailable('multimodal_dataset');
  let evalTokens = 0;
  if (typeof body.validation_file === 'string') {
    const validation = files.get(body.validation_file);
    if (!validation?.content || !validation.validationReport) return unavailable('eval_file_not_validated');
    if (!validation.validationReport.valid) return unavailable('eval_file_invalid');
    evalTokens =
      Math.ceil(validation.content.length / 4) * (typeof body.n_evals === 'number' ? body.n_evals : 0);
  }
  const epochs = typeof body.n_epochs === 'number' ? body.n_epochs : 1;
  const full = isRecord(body.training_type) && body.training_type.type === 'Full';
  const dpo = isRecord(body.training_method) && body.training_method.method === 'dpo';
  const trainTokens = Math.max(1, Math.ceil(train.content.length / 4)) * epochs;
  const price = Math.round((trainTokens + evalTokens) * togetherPricePerMillion(model, full, dpo)) / 1e6;
  return {
    body: {
      estimation_available: true,
      allowed_to_proceed: price <= USER_LIMIT,
      estimated_total_price: price,
      estimated_train_token_count: trainTokens,
      estimated_eval_token_count: evalTokens,
      user_limit: USER_LIMIT,
    },
  };
}
