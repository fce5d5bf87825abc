import { definePreset } from '../define-preset';

/**
 * StepFun Step3 / Step-3.5: the template seeds `<think>`, the output has only the end marker:
 * everything before `</think>` is reasoning.
 */
export const step3 = definePreset({
  id: 'step3',
  description: 'Step3: end marker only; everything before </think> is reasoning.',
  start: '<think>',
  end: '</think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: ['step-?3'],
});
