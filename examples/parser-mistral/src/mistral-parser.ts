import { definePreset } from '@distillery/parser-markers';

export const THINK_START = '[THINK]';
export const THINK_END = '[/THINK]';

/**
 * The v1 reasoning-parser plugin for Mistral/Magistral `[THINK]...[/THINK]`: a preset of the shared
 * marker machine. Content first; every `[THINK]` opens a block (control tokens cannot be literal
 * text); a stray `[/THINK]` is removed.
 */
export const mistralParser = definePreset({
  id: 'mistral',
  description:
    'Mistral/Magistral [THINK]...[/THINK] control tokens (keep special tokens in the output: skip_special_tokens=false).',
  start: THINK_START,
  end: THINK_END,
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: true,
  strayEnd: 'strip',
});
