import type { ReasoningParseOptions, ReasoningParserPlugin } from '@distillery/core';
import { createTagParser } from './create-tag-parser';
import type { TagParserSpec } from './tag-parser-spec';

export interface TagParserPreset extends TagParserSpec {
  readonly id: string;
  readonly description?: string;
}

/** A v1 reasoning-parser plugin backed by the tag state machine, with the preset's spec exposed. */
export interface TagParserPlugin extends ReasoningParserPlugin {
  readonly markers: readonly string[];
  readonly spec: TagParserSpec;
}

/** Wraps a marker family as a v1 ReasoningParserPlugin, so new families need no new machine. */
export function createTagParserPlugin(preset: TagParserPreset): TagParserPlugin {
  const { id, description, ...spec } = preset;
  const list = (v: string | readonly string[]) => (typeof v === 'string' ? [v] : [...v]);
  const markers = [...list(spec.start), ...list(spec.end), ...(spec.implicitEnd ?? []).map((m) => m.marker)];
  // Fail on a bad spec when the plugin is defined, not on the first stream.
  createTagParser(spec);
  return Object.freeze({
    specificationVersion: 'v1' as const,
    kind: 'reasoning-parser' as const,
    id,
    ...(description === undefined ? {} : { description }),
    markers: Object.freeze(markers),
    spec: Object.freeze(spec),
    create: (options?: ReasoningParseOptions) => createTagParser(spec, options),
  });
}
