import type { FineTuneJobRequest, JobProblem, JobVerdict, LimitsSource } from '@distillery/core';
import { readTogetherHyperparameters } from './together-hyperparameters';
import type { TogetherModelLimits } from './together-model-limits';
import { validateHyperparameters } from './validate-hyperparameters';

/** Together trains one epoch unless told otherwise (`n_epochs` defaults to 1). */
export const TOGETHER_DEFAULT_EPOCHS = 1;

/**
 * Together's verdict on a job from the model's limits (`undefined`: the model has none, so it
 * cannot be fine-tuned): the method, reasoning data only on models that support it, and every
 * hyperparameter in range. Pure; `known` names tunable models for the message.
 */
export function togetherJobVerdict(
  limits: TogetherModelLimits | undefined,
  job: FineTuneJobRequest,
  source: LimitsSource,
  known: readonly string[] = [],
): JobVerdict {
  const given = readTogetherHyperparameters(job).values.nEpochs;
  const epochs = given ?? TOGETHER_DEFAULT_EPOCHS;
  const epochsNote = given === undefined ? `Together's default, ${TOGETHER_DEFAULT_EPOCHS}` : undefined;
  const verdict = (problems: JobProblem[]): JobVerdict => ({
    problems,
    limits: source,
    epochs,
    ...(epochsNote ? { epochsNote } : {}),
  });
  if (!limits) {
    const list = known.length ? ` Models it can: ${known.join(', ')}.` : '';
    return verdict([
      {
        param: 'model',
        message: `${job.baseModel} cannot be fine-tuned on Together (it has no fine-tuning limits).${list}`,
      },
    ]);
  }
  const problems: JobProblem[] = [];
  if (job.reasoning && limits.supports_reasoning === false)
    problems.push({
      param: 'reasoning',
      message: `${job.baseModel} does not train on reasoning data (its limits say supports_reasoning: false); use --strategy final-only, --format r1 (reasoning in <think> tags), or a reasoning model`,
    });
  problems.push(...validateHyperparameters(limits, job));
  return verdict(problems);
}
