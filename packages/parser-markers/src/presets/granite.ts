import { definePreset } from '../define-preset';

/**
 * IBM Granite 3.2 with `thinking=True`: prose markers. `Here is my thought process:` (or `Here's …`)
 * opens the reasoning and `Here is my response:` (or `Here's …`) ends it; the phrases themselves
 * are dropped. With no opening phrase everything is content; an opening phrase with no response
 * phrase is truncated reasoning (vLLM's regex needs both and calls it content).
 */
export const granite = definePreset({
  id: 'granite',
  description: 'Granite 3.2: "Here is my thought process:" … "Here is my response:" prose markers.',
  start: ['Here is my thought process:', "Here's my thought process:"],
  end: ['Here is my response:', "Here's my response:"],
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['granite-3\\.2'],
});
