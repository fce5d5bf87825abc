import type { ReasoningParserPlugin } from '@distillery/core';
import { createMistralParser, THINK_END, THINK_START } from './create-mistral-parser';

/** The v1 reasoning-parser plugin for Mistral/Magistral `[THINK]...[/THINK]`. */
export const mistralParser: ReasoningParserPlugin = Object.freeze({
  specificationVersion: 'v1',
  kind: 'reasoning-parser',
  id: 'mistral',
  description:
    'Mistral/Magistral [THINK]...[/THINK] control tokens (keep special tokens in the output: skip_special_tokens=false).',
  markers: Object.freeze([THINK_START, THINK_END]),
  create: createMistralParser,
});
