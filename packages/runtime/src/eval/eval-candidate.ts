import { createHash } from 'node:crypto';
import { InputError, type RunConfig, type Task } from '@distillery/core';
import { findFineTune } from '../finetune/fine-tune-records';
import { findRunConfig, type GenerationTarget, resolveGenerationTarget } from '../generate/generation-target';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import { stableJson } from '../store/stable-json';

/** A candidate of an eval, as the user names it. */
export type EvalCandidateSpec =
  /** A run config of the task (typically the teacher). */
  | { type: 'run-config'; runConfig: string; name?: string }
  /** A fine-tune, called with its frozen prompt, flow and parser. */
  | { type: 'fine-tune'; fineTune: string; name?: string; trainingCostUsd?: number }
  /** Any model of a provider, with the task's prompt (e.g. the student's base model). */
  | { type: 'model'; provider: string; model: string; flow?: string; parser?: string; name?: string };

export interface EvalCandidate {
  /** Unique within the eval: the run config's name, the fine-tune id, or `provider:model`. */
  name: string;
  type: EvalCandidateSpec['type'];
  target: GenerationTarget;
  /** Hash of everything that decides an answer: provider, model, flow, parser, prompt, parameters, schema. */
  fingerprint: string;
  /** For fine-tunes: the dataset and splits it trained on (the leakage guard reads them). */
  trainedOn?: { datasetId: string; splits: string[] };
  trainingCostUsd?: number;
}

/** Resolves a candidate spec into what is called, and its answer fingerprint. */
export async function resolveEvalCandidate(
  session: Session,
  store: SampleStore,
  task: Task,
  spec: EvalCandidateSpec,
): Promise<EvalCandidate> {
  let runConfig: RunConfig;
  let trainedOn: EvalCandidate['trainedOn'];
  let name: string;
  if (spec.type === 'run-config') {
    runConfig = findRunConfig(session, task, spec.runConfig);
    name = spec.name ?? runConfig.name;
  } else if (spec.type === 'fine-tune') {
    const record = await findFineTune(store, spec.fineTune);
    const model = record.endpoint?.name ?? record.resultModel;
    if (record.status !== 'completed' || !model) {
      throw new InputError(
        `Fine-tune ${record.id} has no model to evaluate yet (status: ${record.status}).`,
        {
          advice: `Wait for it to complete: \`distill status ${record.id} --watch\`.`,
        },
      );
    }
    name = spec.name ?? record.id;
    runConfig = {
      name,
      provider: record.backend,
      model,
      flow: record.flow,
      ...(record.parser ? { parser: record.parser } : {}),
      prompt: record.prompt,
      parameters: {},
    };
    trainedOn = {
      datasetId: record.datasetId,
      splits: [record.splits.train, ...(record.splits.validation ? [record.splits.validation] : [])],
    };
  } else {
    name = spec.name ?? `${spec.provider}:${spec.model}`;
    const provider = await session.plugins.provider(spec.provider);
    const known = provider.models?.find((m) => m.id === spec.model);
    const reasons = known && ['field', 'inline', 'summary', 'hidden'].includes(known.reasoning);
    runConfig = {
      name,
      provider: spec.provider,
      model: spec.model,
      flow: spec.flow ?? (reasons ? 'reasoning' : 'single'),
      ...(spec.parser ? { parser: spec.parser } : {}),
      parameters: {},
    };
  }
  const target = await resolveGenerationTarget(session, task, runConfig);
  const fingerprint = createHash('sha256')
    .update(
      stableJson({
        provider: runConfig.provider,
        model: runConfig.model,
        flow: target.flow.id,
        parser: target.parser?.id,
        prompt: target.prompt,
        parameters: target.parameters,
        outputSchema: target.outputSchema,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  return {
    name,
    type: spec.type,
    target,
    fingerprint,
    ...(trainedOn ? { trainedOn } : {}),
    ...(spec.type === 'fine-tune' && spec.trainingCostUsd !== undefined
      ? { trainingCostUsd: spec.trainingCostUsd }
      : {}),
  };
}
