import path from 'node:path';
import {
  type ChatRequest,
  type ChatResult,
  type ChatStreamEvent,
  costUsd,
  type ModelPricing,
  type ModelProvider,
  UserError,
} from '@distillery/core';
import { estimateRequestTokens } from '../generate/estimate-request-tokens';
import { type GenerationSourceInput, GenerationSourceSchema } from '../generate/generation-job';
import { findRunConfig, resolveGenerationTarget } from '../generate/generation-target';
import { readGenerationInputs } from '../generate/read-generation-inputs';
import { runTarget } from '../generate/run-target';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import { generationDedupeKey } from '../store/dedupe-key';
import type { SampleStore } from '../store/sample-store';

export interface PlanBatchGenerationOptions {
  taskId: string;
  runConfig?: string;
  source: GenerationSourceInput;
  count?: number;
  /** Output tokens to assume per call (default: the run config's `maxTokens`, else 1,000). */
  expectedOutputTokens?: number;
  /** The run's `--max-cost`: the plan says how many samples it covers. */
  maxCostUsd?: number;
  /** The run's `--max-enqueued-tokens`: first-round batches are cut to it. */
  maxEnqueuedTokens?: number;
}

export interface BatchGenerationPlan {
  taskId: string;
  runConfig: string;
  provider: string;
  model: string;
  /** Inputs left to generate (already stored ones left out), or null when a topic tree must be written first. */
  samples: number | null;
  /** Model calls per sample (two for the chain-of-thought flow: two rounds of batches). */
  callsPerSample: number;
  requests: number | null;
  /** Provider batches the first round needs (by the provider's request and byte limits). */
  batchesPerRound: number | null;
  limits: { maxRequests: number; maxBytes: number };
  estimatedInputTokens: number | null;
  estimatedOutputTokens: number | null;
  outputTokensPerCall: number;
  /** The model's batch price (per-model data from the provider), or null when unknown. */
  batchPricing: ModelPricing | null;
  /** The direct (non-batch) price, for comparison, or null when unknown. */
  directPricing: ModelPricing | null;
  estimatedCostUsd: number | null;
  estimatedDirectCostUsd: number | null;
  /** With `maxCostUsd`: the samples (in input order) the budget covers at the estimate; null when the price is unknown or no budget was given. */
  samplesWithinBudget: number | null;
}

const DEFAULT_OUTPUT_TOKENS = 1000;

/** A provider that answers every call with filler of the expected length, recording the requests a flow makes. */
function recordingProvider(
  base: ModelProvider,
  requests: ChatRequest[],
  outputTokens: number,
): ModelProvider {
  const answer = async (request: ChatRequest): Promise<ChatResult> => {
    requests.push(request);
    return {
      content: 'x'.repeat(outputTokens * 4),
      reasoning: null,
      reasoningExposure: 'none',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 0, outputTokens: 0 },
      model: request.model,
      raw: null,
    };
  };
  return {
    ...base,
    chat: answer,
    async *stream(request): AsyncGenerator<ChatStreamEvent> {
      yield { type: 'finish', result: await answer(request) };
    },
  };
}

/**
 * What a `--batch` generation would submit and cost, without writing or sending anything: the
 * flow runs against a recording provider to learn each input's requests (the chain of
 * thought's second call assumes a first answer of the expected length), priced at the model's
 * batch price where the provider knows it.
 */
export async function planBatchGeneration(
  session: Session,
  store: SampleStore,
  options: PlanBatchGenerationOptions,
): Promise<BatchGenerationPlan> {
  const task = findTask(session, options.taskId);
  const target = await resolveGenerationTarget(
    session,
    task,
    findRunConfig(session, task, options.runConfig),
  );
  const batch = target.provider.batch;
  if (!batch) {
    throw new UserError(
      `Provider "${target.runConfig.provider}" (run config "${target.runConfig.name}") has no batch API.`,
      { advice: 'Run without --batch to call it directly, or use a run config whose provider has one.' },
    );
  }
  const source = GenerationSourceSchema.parse(options.source);
  const outputTokensPerCall =
    options.expectedOutputTokens ?? target.parameters.maxTokens ?? DEFAULT_OUTPUT_TOKENS;
  const batchPricing = batch.pricing(target.runConfig.model, target.modelInfo.pricing) ?? null;
  const directPricing = target.modelInfo.pricing ?? null;
  const base = {
    taskId: task.id,
    runConfig: target.runConfig.name,
    provider: target.runConfig.provider,
    model: target.runConfig.model,
    limits: { maxRequests: batch.limits.maxRequests, maxBytes: batch.limits.maxBytes },
    outputTokensPerCall,
    batchPricing,
    directPricing,
  };

  let inputs: string[];
  if (source.type === 'file') {
    const file = path.resolve(session.ctx.cwd, source.file);
    inputs = (await readGenerationInputs(file, source.file)).inputs.map((i) => i.input);
  } else if (source.type === 'inputs') {
    inputs = source.inputs;
  } else {
    return {
      ...base,
      samples: null,
      callsPerSample: 0,
      requests: null,
      batchesPerRound: null,
      estimatedInputTokens: null,
      estimatedOutputTokens: null,
      estimatedCostUsd: null,
      estimatedDirectCostUsd: null,
      samplesWithinBudget: null,
    };
  }
  const todo: string[] = [];
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input)) continue;
    seen.add(input);
    if (await store.hasKey(generationDedupeKey(task.id, target.runConfig, input))) continue;
    todo.push(input);
  }
  const planned = options.count === undefined ? todo : todo.slice(0, options.count);

  let inputTokens = 0;
  let outputTokens = 0;
  let requests = 0;
  let callsPerSample = 0;
  let firstRoundBytes = 0;
  let firstRoundTokens = 0;
  let withinBudget = 0;
  let spent = 0;
  let overBudget = false;
  for (const input of planned) {
    const made: ChatRequest[] = [];
    const provider = recordingProvider(target.provider, made, outputTokensPerCall);
    // The filler answers may not parse as the output schema: only the requests matter here.
    await runTarget(target, input, { provider, signal: new AbortController().signal, stream: false }).catch(
      () => undefined,
    );
    callsPerSample = Math.max(callsPerSample, made.length);
    requests += made.length;
    for (const request of made) {
      inputTokens += estimateRequestTokens(request);
      outputTokens += outputTokensPerCall;
    }
    if (made[0]) {
      firstRoundBytes += batch.size({ customId: 'd0a0-'.padEnd(37, 'x'), request: made[0] });
      firstRoundTokens += estimateRequestTokens(made[0]);
    }
    const sampleCost = costUsd(batchPricing ?? undefined, {
      inputTokens: made.reduce((sum, r) => sum + estimateRequestTokens(r), 0),
      outputTokens: made.length * outputTokensPerCall,
    });
    // Batches are priced and submitted in input order: the budget covers a prefix.
    if (options.maxCostUsd !== undefined && sampleCost !== null && !overBudget) {
      if (spent + sampleCost <= options.maxCostUsd) {
        spent += sampleCost;
        withinBudget++;
      } else overBudget = true;
    }
  }
  const usage = { inputTokens, outputTokens };
  return {
    ...base,
    samples: planned.length,
    callsPerSample,
    requests,
    batchesPerRound:
      planned.length === 0
        ? 0
        : Math.max(
            Math.ceil(planned.length / batch.limits.maxRequests),
            Math.ceil(firstRoundBytes / batch.limits.maxBytes),
            options.maxEnqueuedTokens ? Math.ceil(firstRoundTokens / options.maxEnqueuedTokens) : 0,
          ),
    estimatedInputTokens: inputTokens,
    estimatedOutputTokens: outputTokens,
    estimatedCostUsd: costUsd(batchPricing ?? undefined, usage),
    estimatedDirectCostUsd: costUsd(directPricing ?? undefined, usage),
    samplesWithinBudget: options.maxCostUsd !== undefined && batchPricing ? withinBudget : null,
  };
}
