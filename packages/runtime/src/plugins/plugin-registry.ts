import {
  type CallFlow,
  type DistilleryPlugin,
  type FineTuneBackend,
  type ModelProvider,
  PluginError,
  type PluginKind,
  type ReasoningParserPlugin,
  type ScorerV1,
} from '@distillery/core';
import type { PluginRecord } from './plugin-record';

type PluginOfKind<K extends PluginKind> = Extract<DistilleryPlugin, { kind: K }>;

const KIND_LABEL: Record<PluginKind, string> = {
  'reasoning-parser': 'parser',
  'model-provider': 'provider',
  'call-flow': 'call flow',
  'fine-tune-backend': 'fine-tune backend',
  scorer: 'scorer',
};

/** The plugins of a session, by kind and id. Later registrations replace earlier ones with the same id. */
export class PluginRegistry {
  readonly #records = new Map<string, PluginRecord>();

  add(record: PluginRecord): void {
    this.#records.set(`${record.kind}:${record.id}`, record);
  }

  list(kind?: PluginKind): PluginRecord[] {
    const all = [...this.#records.values()];
    return kind ? all.filter((r) => r.kind === kind) : all;
  }

  record(kind: PluginKind, id: string): PluginRecord | undefined {
    return this.#records.get(`${kind}:${id}`);
  }

  get<K extends PluginKind>(kind: K, id: string): PluginOfKind<K> {
    const found = this.#records.get(`${kind}:${id}`);
    if (found) return found.plugin as PluginOfKind<K>;
    const known = this.list(kind).map((r) => r.id);
    throw new PluginError(`Unknown ${KIND_LABEL[kind]} "${id}".`, {
      pluginId: id,
      advice: known.length
        ? `Known ${KIND_LABEL[kind]}s: ${known.join(', ')}. Add a plugin package to \`plugins\` in distill.config.ts for others.`
        : `No ${KIND_LABEL[kind]} is loaded; add one to \`plugins\` in distill.config.ts.`,
    });
  }

  parser(id: string): ReasoningParserPlugin {
    return this.get('reasoning-parser', id);
  }

  flow(id: string): CallFlow {
    return this.get('call-flow', id);
  }

  backend(id: string): FineTuneBackend {
    return this.get('fine-tune-backend', id);
  }

  provider(id: string): ModelProvider {
    return this.get('model-provider', id);
  }

  scorer(id: string): ScorerV1 {
    return this.get('scorer', id);
  }
}
