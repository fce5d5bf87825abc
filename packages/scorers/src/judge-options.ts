import type {
  CandidateOutputV1,
  JudgeCallV1,
  ModelCallResultV1,
  ModelCallV1,
  ScorerContextV1,
} from '@distillery/core';

export interface JudgeOptions {
  provider: string;
  model: string;
  rubric: string;
  /** Show the judge the candidate's reasoning as well as its answer. */
  showReasoning: boolean;
  temperature: number;
}

export const JUDGE_OPTIONS_HELP: Readonly<Record<string, string>> = {
  provider: 'the provider entry the judge is called through (required)',
  model: 'the judge model (required)',
  rubric: 'what a good answer is, in words (default: correct and complete against the reference)',
  showReasoning: "also show the candidate's reasoning (default false)",
  temperature: 'judge temperature (default 0)',
};

const DEFAULT_RUBRIC =
  'The answer is correct and complete for the question. When a reference answer is given, it is the ground truth.';

/** Reads and checks the options a judge needs; throws a TypeError naming the bad one. */
export function readJudgeOptions(id: string, options: Readonly<Record<string, unknown>>): JudgeOptions {
  const text = (name: string, required: boolean): string | undefined => {
    const value = options[name];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(
        `Scorer "${id}" needs option "${name}" (a non-empty string), got ${JSON.stringify(value)}.`,
      );
    }
    return value;
  };
  const showReasoning = options.showReasoning ?? false;
  if (typeof showReasoning !== 'boolean')
    throw new TypeError(`Scorer "${id}" option "showReasoning" must be true or false.`);
  const temperature = options.temperature ?? 0;
  if (typeof temperature !== 'number' || !(temperature >= 0 && temperature <= 2)) {
    throw new TypeError(`Scorer "${id}" option "temperature" must be a number from 0 to 2.`);
  }
  return {
    provider: text('provider', true)!,
    model: text('model', true)!,
    rubric: text('rubric', false) ?? DEFAULT_RUBRIC,
    showReasoning,
    temperature,
  };
}

/** The candidate as the judge sees it: its answer, and its reasoning when asked for. */
export function describeCandidate(output: CandidateOutputV1, showReasoning: boolean, label: string): string {
  const parts: string[] = [];
  if (showReasoning && output.reasoning) {
    parts.push(
      `<${label}_reasoning${output.reasoningTruncated ? ' truncated="true"' : ''}>\n${output.reasoning}\n</${label}_reasoning>`,
    );
  }
  parts.push(`<${label}>\n${output.content}\n</${label}>`);
  return parts.join('\n');
}

/** Calls the judge model through the eval's context; a judge without one is a usage error. */
export async function callJudge(
  id: string,
  context: ScorerContextV1,
  call: ModelCallV1,
): Promise<{ result: ModelCallResultV1; record: JudgeCallV1 }> {
  if (!context.callModel)
    throw new Error(`Scorer "${id}" calls a model, but this eval gave it no way to call one.`);
  const result = await context.callModel(call);
  return {
    result,
    record: {
      provider: call.provider,
      model: call.model,
      reasoning: [result.reasoning, result.content].filter((t) => t && t.trim() !== '').join('\n\n') || null,
      usage: result.usage,
      costUsd: result.costUsd,
    },
  };
}
