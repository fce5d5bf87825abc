import { definePreset } from '../define-preset';

/**
 * Kimi-VL-Thinking and Kimi-Dev: `◁think▷…◁/think▷`, plain multi-token text written by the model
 * (not special tokens), so split markers are common in streams.
 */
export const kimiVl = definePreset({
  id: 'kimi-vl',
  description: 'Kimi-VL-Thinking / Kimi-Dev: ◁think▷…◁/think▷.',
  start: '◁think▷',
  end: '◁/think▷',
  initial: 'content',
  startMatch: 'anywhere',
  multipleBlocks: false,
  models: ['kimi-vl', 'kimi-dev'],
});
