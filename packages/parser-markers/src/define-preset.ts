import type { InlineReasoningLayout, ReasoningParseOptions, ReasoningParserPlugin } from '@distillery/core';
import { createTagParser } from './create-tag-parser';
import type { TagParserSpec } from './tag-parser-spec';

/** One marker family: the machine's spec, a stable id, and the models it fits. */
export interface MarkerPreset extends TagParserSpec {
  readonly id: string;
  readonly description?: string;
  /**
   * Model ids this preset fits, as case-insensitive regular expressions matched anywhere in the id
   * (`deepseek-r1`, `qwen3-.*-thinking`): `--parser auto` picks the preset from these, and a
   * fine-tune whose id or base model matches gets it too.
   */
  readonly models?: readonly string[];
  /**
   * How the family's chat template writes reasoning inline (for exports). Default: the first start
   * marker and a newline, the reasoning, a newline, the first end marker and a blank line, then the
   * answer (`<think>\n…\n</think>\n\n…`). `false`: the family takes no inline reasoning.
   */
  readonly inline?: InlineReasoningLayout | false;
}

/** A v1 reasoning-parser plugin backed by the marker machine, with its spec and model patterns exposed. */
export interface MarkerParserPlugin extends ReasoningParserPlugin {
  readonly markers: readonly string[];
  readonly spec: TagParserSpec;
  readonly models: readonly string[];
  readonly inline?: InlineReasoningLayout;
}

function list(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}

/** `<start>\n` reasoning `\n<end>\n\n` answer, from the spec's first markers. */
function defaultInline(spec: TagParserSpec): InlineReasoningLayout {
  const start = list(spec.start)[0] ?? '';
  const end = list(spec.end)[0] ?? '';
  return { open: start.endsWith('\n') ? start : `${start}\n`, close: `\n${end}\n\n` };
}

/**
 * Declares a marker family as a v1 ReasoningParserPlugin, so a new family is a few lines of data
 * and no new state machine:
 *
 * ```ts
 * export const seedOss = definePreset({
 *   id: 'seed-oss',
 *   start: '<seed:think>',
 *   end: '</seed:think>',
 *   initial: 'reasoning',
 *   models: ['seed-oss'],
 * });
 * ```
 *
 * The spec is checked here, so a bad marker fails when the plugin is defined, not on the first
 * stream.
 */
export function definePreset(preset: MarkerPreset): MarkerParserPlugin {
  const { id, description, models = [], inline, ...spec } = preset;
  const markers = [
    ...list(spec.start),
    ...list(spec.end),
    ...(spec.implicitEnd ?? []).map((m) => m.marker),
    ...(spec.stripFromContent ?? []),
  ];
  createTagParser(spec);
  for (const pattern of models) {
    try {
      new RegExp(pattern, 'i');
    } catch (error) {
      throw new TypeError(
        `Preset "${id}": model pattern ${JSON.stringify(pattern)} is not a regular expression.`,
        {
          cause: error,
        },
      );
    }
  }
  const layout = inline === undefined ? defaultInline(spec) : inline;
  return Object.freeze({
    specificationVersion: 'v1' as const,
    kind: 'reasoning-parser' as const,
    id,
    ...(description === undefined ? {} : { description }),
    markers: Object.freeze(markers),
    spec: Object.freeze(spec),
    models: Object.freeze([...models]),
    ...(layout ? { inline: Object.freeze({ ...layout }) } : {}),
    create: (options?: ReasoningParseOptions) => createTagParser(spec, options),
  });
}

/** The name parser-deepseek 0.1 exported; same function. */
export const createTagParserPlugin = definePreset;
/** @deprecated use MarkerPreset */
export type TagParserPreset = MarkerPreset;
/** @deprecated use MarkerParserPlugin */
export type TagParserPlugin = MarkerParserPlugin;
