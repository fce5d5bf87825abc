import { createHash } from 'node:crypto';
import type { RunConfigInput, SampleInput } from '@distillery/core';
import { stableJson } from './stable-json';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The key that makes generation idempotent: one task, one run config, one input are generated
 * once. Key order inside the run config does not matter.
 */
export function generationDedupeKey(taskId: string, runConfig: RunConfigInput, input: string): string {
  return `gen:${sha256(stableJson({ taskId, runConfig, input }))}`;
}

/**
 * The key that makes imports idempotent: the content that would be trained on (task, input,
 * earlier turns, answer, reasoning, rejected answer). Provenance, tags and ids are left out, so
 * the same example imported twice, from the same file or another one, is stored once.
 */
export function contentDedupeKey(
  sample: Pick<SampleInput, 'taskId' | 'input' | 'output' | 'reasoning' | 'trace' | 'rejected'>,
): string {
  return `content:${sha256(
    stableJson({
      taskId: sample.taskId,
      input: sample.input,
      trace: sample.trace ?? [],
      output: sample.output.content,
      reasoning: sample.reasoning?.text ?? null,
      rejected: sample.rejected ?? null,
    }),
  )}`;
}
