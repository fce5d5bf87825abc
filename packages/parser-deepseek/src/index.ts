import type { ReasoningParserPlugin } from '@distillery/core';
import { deepseekR1 } from './presets/deepseek-r1';
import { qwen3 } from './presets/qwen3';
import { thinkTags } from './presets/think-tags';

export { createTagParser } from './create-tag-parser';
export {
  createTagParserPlugin,
  type TagParserPlugin,
  type TagParserPreset,
} from './create-tag-parser-plugin';
export { initialStateFromPromptTail } from './initial-state-from-prompt-tail';
export { deepseekR1 } from './presets/deepseek-r1';
export { qwen3 } from './presets/qwen3';
export { thinkTags } from './presets/think-tags';
export { BLOCK_SEPARATOR } from './reasoning-event-writer';
export type { ImplicitEndMarker, TagParserSpec } from './tag-parser-spec';

/** Every preset of this package, so a config can list the package by name. */
export const parsers: readonly ReasoningParserPlugin[] = Object.freeze([deepseekR1, thinkTags, qwen3]);

export default parsers;
