import type { CallFlowV1 } from './call-flow/v1/call-flow-v1';
import type { FineTuneBackendV1 } from './fine-tune-backend/v1/fine-tune-backend-v1';
import type { ModelProviderV1 } from './model-provider/v1/model-provider-v1';
import type { PluginKind } from './plugin-kinds';
import type { ReasoningParserV1 } from './reasoning-parser/v1/reasoning-parser-v1';
import type { ScorerV1 } from './scorer/v1';

/** The contract of each kind, as the runtime uses it. */
export interface PluginContracts {
  'reasoning-parser': ReasoningParserV1;
  'model-provider': ModelProviderV1;
  'call-flow': CallFlowV1;
  'fine-tune-backend': FineTuneBackendV1;
  scorer: ScorerV1;
}

/** A plugin of kind K. */
export type PluginOfKind<K extends PluginKind> = PluginContracts[K];

export type DistilleryPlugin = PluginContracts[PluginKind];

/**
 * What a plugin package's default export (or a config entry) may be: a plugin, several, or a
 * factory taking options that returns either.
 */
export type PluginModule =
  | DistilleryPlugin
  | readonly DistilleryPlugin[]
  | ((options?: Record<string, unknown>) => DistilleryPlugin | readonly DistilleryPlugin[]);
