import { z } from 'zod';
import { JsonSchemaSchema } from './json-schema';
import { RunConfigSchema } from './run-config';

export const TaskIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
  );

/** A task: what the student must learn to do. */
export const TaskSchema = z
  .object({
    id: TaskIdSchema,
    name: z.string().min(1),
    instruction: z.string().min(1),
    thinkingInstruction: z.string().optional(),
    inputSchema: JsonSchemaSchema.optional(),
    outputSchema: JsonSchemaSchema.optional(),
    runConfigs: z.array(RunConfigSchema).default([]),
  })
  .strict();
export type Task = z.infer<typeof TaskSchema>;
export type TaskInput = z.input<typeof TaskSchema>;
