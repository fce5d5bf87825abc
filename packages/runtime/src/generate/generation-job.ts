import { createHash } from 'node:crypto';
import { z } from 'zod';
import { stableJson } from '../store/stable-json';

/** Record kind of a generation: what it generates from, with which run config, towards which count. */
export const GENERATION_JOB_KIND = 'generation-job';

export const GenerationSourceSchema = z.discriminatedUnion('type', [
  /** Inputs read from a file (JSONL or plain text), path relative to the project folder. */
  z.object({ type: z.literal('file'), file: z.string() }),
  /** Inputs written by a model from a topic tree. */
  z.object({
    type: z.literal('topics'),
    topics: z.number().int().positive(),
    perTopic: z.number().int().positive(),
    /** Subtopics per topic; 0 makes the topics themselves the leaves. */
    subtopics: z.number().int().nonnegative().default(0),
    /** The run config that writes the tree; default the generation's own. */
    runConfig: z.string().optional(),
    guidance: z.string().optional(),
  }),
  /** Inputs given directly (library use). */
  z.object({ type: z.literal('inputs'), inputs: z.array(z.string()) }),
]);
export type GenerationSource = z.infer<typeof GenerationSourceSchema>;
export type GenerationSourceInput = z.input<typeof GenerationSourceSchema>;

export const GenerationStopReasonSchema = z.enum([
  'done',
  'count-reached',
  'budget',
  'interrupted',
  'too-many-failures',
]);
export type GenerationStopReason = z.infer<typeof GenerationStopReasonSchema>;

export const GenerationJobSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  runConfig: z.string(),
  source: GenerationSourceSchema,
  /** Samples this generation should produce in all (across resumed runs); null: every input. */
  count: z.number().int().positive().nullable(),
  tags: z.array(z.string()),
  allowDuplicates: z.boolean(),
  /** `running` while a run is under way (or was killed), then how the last run ended. */
  status: z.enum(['running', 'stopped', 'complete']),
  stopReason: GenerationStopReasonSchema.nullable(),
  /** Samples of this generation stored so far. */
  generated: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  costUsd: z.number().nullable(),
  runs: z.number().int().nonnegative(),
});
export type GenerationJob = z.infer<typeof GenerationJobSchema>;

/**
 * The stable id of a generation: task, run config and where the inputs come from. Running the
 * same generation again resumes it.
 */
export function generationJobId(taskId: string, runConfig: string, source: GenerationSource): string {
  const identity =
    source.type === 'inputs'
      ? { type: 'inputs', sha256: createHash('sha256').update(stableJson(source.inputs)).digest('hex') }
      : source;
  return createHash('sha256')
    .update(stableJson({ taskId, runConfig, source: identity }))
    .digest('hex')
    .slice(0, 12);
}

/** The tag every sample of a generation carries; it is how a resumed run counts what is done. */
export function generationTag(jobId: string): string {
  return `generation:${jobId}`;
}
