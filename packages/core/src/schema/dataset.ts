import { z } from 'zod';

export const SampleFilterSchema = z
  .object({
    hasReasoning: z.boolean().optional(),
    tags: z.array(z.string()).optional(),
    excludeTags: z.array(z.string()).optional(),
    minRating: z.number().int().min(1).max(5).optional(),
    source: z.enum(['synthetic', 'human', 'import']).optional(),
    model: z.string().optional(),
    text: z.string().optional(),
  })
  .strict();
export type SampleFilter = z.infer<typeof SampleFilterSchema>;

/** A frozen dataset: the filter used and, per split, the exact sample ids. */
export const DatasetSnapshotSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  taskId: z.string().min(1),
  filter: SampleFilterSchema,
  seed: z.number().int(),
  splitRatios: z.record(z.string(), z.number().min(0).max(1)),
  splits: z.record(z.string(), z.array(z.string())),
  createdAt: z.string(),
});
export type DatasetSnapshot = z.infer<typeof DatasetSnapshotSchema>;
