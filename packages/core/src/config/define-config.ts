import { z } from 'zod';
import type { PluginModule } from '../contracts/plugin';
import { ModelParametersSchema } from '../schema/run-config';
import { TaskSchema } from '../schema/task';

const PluginEntrySchema = z.union([
  z.string().min(1),
  z.tuple([z.string().min(1), z.record(z.string(), z.unknown())]),
  z.custom<PluginModule>((value) => typeof value === 'object' || typeof value === 'function', {
    message: 'expected a plugin object, a package name, or [package name, options]',
  }),
]);
export type PluginEntry = z.infer<typeof PluginEntrySchema>;

export const ProviderSettingsSchema = z
  .object({
    /** Which provider plugin serves this entry; defaults to the entry's own name. */
    plugin: z.string().optional(),
    baseURL: z.string().url().optional(),
    /** Prefer reading keys from the environment: `apiKey: process.env.MY_KEY`. Never written anywhere. */
    apiKey: z.string().optional(),
    /** Name of the environment variable that holds the key. */
    apiKeyEnv: z.string().optional(),
    timeoutMs: z.number().int().positive().optional(),
    maxRetries: z.number().int().min(0).max(20).optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>;

export const ModelOverrideSchema = z
  .object({
    provider: z.string().optional(),
    reasoning: z.enum(['field', 'inline', 'summary', 'hidden', 'none']).optional(),
    parser: z.string().optional(),
    structuredOutput: z.array(z.enum(['json_schema', 'json_object', 'tool'])).optional(),
    pricing: z
      .object({ inputPerMillion: z.number().nonnegative(), outputPerMillion: z.number().nonnegative() })
      .optional(),
    contextWindow: z.number().int().positive().optional(),
    parameters: ModelParametersSchema.optional(),
  })
  .strict();
export type ModelOverride = z.infer<typeof ModelOverrideSchema>;

export const DistilleryConfigSchema = z
  .object({
    plugins: z.array(PluginEntrySchema).default([]),
    providers: z.record(z.string(), ProviderSettingsSchema).default({}),
    models: z.record(z.string(), ModelOverrideSchema).default({}),
    tasks: z.array(TaskSchema).default([]),
    /** The project's data directory, relative to the config file. */
    dataDir: z.string().default('.distill'),
  })
  .strict();
export type DistilleryConfig = z.infer<typeof DistilleryConfigSchema>;
export type DistilleryConfigInput = z.input<typeof DistilleryConfigSchema>;

/** Type-checks a `distill.config.ts` default export. Validation happens when the runtime loads it. */
export function defineConfig(config: DistilleryConfigInput): DistilleryConfigInput {
  return config;
}
