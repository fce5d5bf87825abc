import type { CallFlow } from './call-flow';
import type { FineTuneBackend } from './fine-tune-backend';
import type { ModelProvider } from './model-provider';
import type { ReasoningParserPlugin } from './reasoning-parser';
import type { ScorerV1 } from './scorer/v1';

export type DistilleryPlugin = ReasoningParserPlugin | ModelProvider | CallFlow | FineTuneBackend | ScorerV1;

/**
 * What a plugin package's default export (or a config entry) may be: a plugin, several, or a
 * factory taking options that returns either.
 */
export type PluginModule =
  | DistilleryPlugin
  | readonly DistilleryPlugin[]
  | ((options?: Record<string, unknown>) => DistilleryPlugin | readonly DistilleryPlugin[]);
