import type { Sample } from '@distillery/core';
import type { SampleSummary, SampleVerdictView } from '../../shared/api-types';

function clip(text: string, max: number): string {
  const flat = text.length > max * 2 ? text.slice(0, max * 2) : text;
  const oneLine = flat.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** The list row of a sample: clipped input and answer, reasoning size, tags, rating, provenance, right/wrong. */
export function summarizeSample(sample: Sample, verdict?: SampleVerdictView): SampleSummary {
  return {
    id: sample.id,
    taskId: sample.taskId,
    input: clip(sample.input, 240),
    answer: clip(sample.output.content, 120),
    reasoningChars: sample.reasoning?.text.length ?? 0,
    reasoningTruncated: sample.reasoning?.truncated ?? false,
    tags: sample.tags,
    rating: sample.rating,
    source: sample.source.type,
    model: sample.source.type === 'synthetic' ? sample.source.runConfig.model : null,
    costUsd: sample.costUsd ?? null,
    createdAt: sample.createdAt,
    verdict: verdict ?? null,
  };
}
