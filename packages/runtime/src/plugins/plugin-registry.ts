import {
  type CallFlow,
  type FineTuneBackend,
  type ModelProvider,
  PluginError,
  type PluginKind,
  type PluginOfKind,
  pluginKindSpec,
  type ReasoningParserPlugin,
  type ScorerV1,
} from '@distillery/core/contracts';
import type { PluginRecord } from './plugin-record';

/**
 * The plugins of a session, by kind and id: the one place that knows which plugins exist.
 * `list` and `record` answer from manifests without importing anything; `load` imports an
 * implementation on first use. Later registrations replace earlier ones with the same id.
 */
export class PluginRegistry {
  readonly #records = new Map<string, PluginRecord>();

  add(record: PluginRecord): void {
    this.#records.set(`${record.kind}:${record.id}`, record);
  }

  /** The known plugins (of one kind), from their manifests; imports nothing. */
  list<K extends PluginKind>(kind?: K): PluginRecord<K>[] {
    const all = [...this.#records.values()];
    return (kind ? all.filter((r) => r.kind === kind) : all) as PluginRecord<K>[];
  }

  record<K extends PluginKind>(kind: K, id: string): PluginRecord<K> | undefined {
    return this.#records.get(`${kind}:${id}`) as PluginRecord<K> | undefined;
  }

  /** The implementation of plugin `id` of `kind`, imported on first use. */
  async load<K extends PluginKind>(kind: K, id: string): Promise<PluginOfKind<K>> {
    const found = this.record(kind, id);
    if (found) return found.load();
    const known = this.list(kind).map((r) => r.id);
    const { label } = pluginKindSpec(kind);
    throw new PluginError(`Unknown ${label} "${id}".`, {
      pluginId: id,
      advice: known.length
        ? `Known ${label}s: ${known.join(', ')}. Add a plugin package to \`plugins\` in distill.config.ts for others.`
        : `No ${label} is loaded; add one to \`plugins\` in distill.config.ts.`,
    });
  }

  parser(id: string): Promise<ReasoningParserPlugin> {
    return this.load('reasoning-parser', id);
  }

  flow(id: string): Promise<CallFlow> {
    return this.load('call-flow', id);
  }

  backend(id: string): Promise<FineTuneBackend> {
    return this.load('fine-tune-backend', id);
  }

  provider(id: string): Promise<ModelProvider> {
    return this.load('model-provider', id);
  }

  scorer(id: string): Promise<ScorerV1> {
    return this.load('scorer', id);
  }
}
