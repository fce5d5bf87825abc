import type { ReasoningParserPlugin } from '@distillery/core';
import { deepseekR1, qwen3, thinkTags } from '@distillery/parser-markers';

export {
  BLOCK_SEPARATOR,
  createTagParser,
  createTagParserPlugin,
  deepseekR1,
  definePreset,
  type ImplicitEndMarker,
  initialStateFromPromptTail,
  qwen3,
  type TagParserPlugin,
  type TagParserPreset,
  type TagParserSpec,
  thinkTags,
} from '@distillery/parser-markers';

/**
 * The three `<think>` presets under their original ids, so configs that list this package keep
 * working. The machine and every other family live in `@distillery/parser-markers`.
 */
export const parsers: readonly ReasoningParserPlugin[] = Object.freeze([deepseekR1, thinkTags, qwen3]);

export default parsers;
