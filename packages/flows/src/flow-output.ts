import {
  addUsage,
  type CallFlowInput,
  type ChatMessage,
  EMPTY_USAGE,
  type StructuredOutputRequest,
  type TaskOutput,
} from '@distillery/core';
import type { ModelAnswer } from './call-model';
import { parseStructuredOutput } from './parse-structured-output';

export function structuredOutputRequest(input: CallFlowInput): StructuredOutputRequest | undefined {
  if (!input.outputSchema) return undefined;
  return {
    mode: input.structuredOutputMode ?? 'json_schema',
    schema: input.outputSchema,
    name: 'task_output',
  };
}

/** Assembles a TaskOutput from the calls a flow made; the last call holds the final answer. */
export function flowOutput(
  input: CallFlowInput,
  trace: ChatMessage[],
  answers: ModelAnswer[],
  reasoning: Pick<TaskOutput, 'reasoning' | 'reasoningOrigin' | 'reasoningTruncated'>,
  startedAt: number,
): TaskOutput {
  const final = answers.at(-1);
  if (!final) throw new Error('A call flow must make at least one model call.');
  const metadata = answers.find((a) => a.result.reasoningMetadata !== undefined)?.result.reasoningMetadata;
  return {
    content: final.content,
    ...(input.outputSchema ? { structured: parseStructuredOutput(final.content) } : {}),
    ...reasoning,
    reasoningExposure: final.result.reasoningExposure,
    ...(metadata === undefined ? {} : { reasoningMetadata: metadata }),
    trace,
    finishReason: final.result.finishReason,
    usage: answers.reduce((sum, a) => addUsage(sum, a.result.usage), EMPTY_USAGE),
    calls: answers.map((a) => a.result),
    latencyMs: Date.now() - startedAt,
  };
}

export function assistantMessage(answer: ModelAnswer): ChatMessage {
  return {
    role: 'assistant',
    content: answer.content,
    ...(answer.reasoning === null ? {} : { reasoning: answer.reasoning }),
    ...(answer.result.reasoningMetadata === undefined
      ? {}
      : { reasoningMetadata: answer.result.reasoningMetadata }),
  };
}
