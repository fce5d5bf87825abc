import { definePreset } from '../define-preset';

/**
 * ByteDance Seed-OSS: `<seed:think>…</seed:think>`. Budget reflections
 * (`<seed:cot_budget_reflect>…</seed:cot_budget_reflect>`) are part of the reasoning and stay in it
 * verbatim. R1 behaviour: with no opener the output starts inside reasoning; a leading
 * `<seed:think>` is consumed.
 */
export const seedOss = definePreset({
  id: 'seed-oss',
  description: 'Seed-OSS: <seed:think>…</seed:think>, budget reflections kept in the reasoning.',
  start: '<seed:think>',
  end: '</seed:think>',
  initial: 'reasoning',
  startMatch: 'leading',
  multipleBlocks: false,
  models: ['seed-oss'],
});
