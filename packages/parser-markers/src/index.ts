import type { MarkerParserPlugin } from './define-preset';
import { commandA } from './presets/command-a';
import { deepseekR1 } from './presets/deepseek-r1';
import { ernie45 } from './presets/ernie45';
import { gemma4 } from './presets/gemma4';
import { glm45 } from './presets/glm45';
import { glm47 } from './presets/glm47';
import { granite } from './presets/granite';
import { graniteTags } from './presets/granite-tags';
import { hunyuanA13b } from './presets/hunyuan-a13b';
import { kimiK2 } from './presets/kimi-k2';
import { kimiVl } from './presets/kimi-vl';
import { magistral } from './presets/magistral';
import { minimaxM2 } from './presets/minimax-m2';
import { nemotron } from './presets/nemotron';
import { olmo3 } from './presets/olmo3';
import { qwen3 } from './presets/qwen3';
import { qwen3Thinking } from './presets/qwen3-thinking';
import { seedOss } from './presets/seed-oss';
import { step3 } from './presets/step3';
import { thinkTags } from './presets/think-tags';

export { createTagParser } from './create-tag-parser';
export {
  createTagParserPlugin,
  definePreset,
  type MarkerParserPlugin,
  type MarkerPreset,
  type TagParserPlugin,
  type TagParserPreset,
} from './define-preset';
export { initialStateFromPromptTail } from './initial-state-from-prompt-tail';
export { isWhitespace, skipWhitespace } from './is-whitespace';
export { commandA } from './presets/command-a';
export { deepseekR1 } from './presets/deepseek-r1';
export { ernie45 } from './presets/ernie45';
export { gemma4 } from './presets/gemma4';
export { glm45 } from './presets/glm45';
export { glm47 } from './presets/glm47';
export { granite } from './presets/granite';
export { graniteTags } from './presets/granite-tags';
export { hunyuanA13b } from './presets/hunyuan-a13b';
export { kimiK2 } from './presets/kimi-k2';
export { kimiVl } from './presets/kimi-vl';
export { magistral } from './presets/magistral';
export { minimaxM2 } from './presets/minimax-m2';
export { nemotron } from './presets/nemotron';
export { olmo3 } from './presets/olmo3';
export { qwen3 } from './presets/qwen3';
export { qwen3Thinking } from './presets/qwen3-thinking';
export { seedOss } from './presets/seed-oss';
export { step3 } from './presets/step3';
export { thinkTags } from './presets/think-tags';
export { BLOCK_SEPARATOR, ReasoningEventWriter } from './reasoning-event-writer';
export type { ImplicitEndMarker, TagParserSpec } from './tag-parser-spec';

/** Every marker preset of this package, so a config can list the package by name. */
export const parsers: readonly MarkerParserPlugin[] = Object.freeze([
  deepseekR1,
  thinkTags,
  qwen3,
  qwen3Thinking,
  glm45,
  glm47,
  granite,
  graniteTags,
  magistral,
  hunyuanA13b,
  kimiVl,
  kimiK2,
  minimaxM2,
  seedOss,
  nemotron,
  step3,
  ernie45,
  olmo3,
  commandA,
  gemma4,
]);

export default parsers;
