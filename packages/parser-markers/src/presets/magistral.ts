import { definePreset } from '../define-preset';

/**
 * Magistral 2507+ and Mistral Small reasoning: `[THINK]…[/THINK]` control tokens (serve with
 * special tokens kept, e.g. vLLM `skip_special_tokens=false`). Content first: with no `[THINK]`
 * (reasoning effort none) everything is content. Control tokens cannot be literal text, so every
 * `[THINK]` in content opens a block and a stray `[/THINK]` is removed.
 */
export const magistral = definePreset({
  id: 'magistral',
  description: 'Magistral 2507+ / Mistral Small reasoning: [THINK]…[/THINK] control tokens.',
  start: '[THINK]',
  end: '[/THINK]',
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: true,
  strayEnd: 'strip',
  models: ['magistral', 'mistral-small-.*reason'],
});
