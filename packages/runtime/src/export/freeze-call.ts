import {
  DEFAULT_THINKING_INSTRUCTION,
  type Prompt,
  type ReasoningLayout,
  type TrainingStrategy,
} from '@distillery/core';
import { systemText } from '@distillery/flows';
import type { ExportFormat } from './export-format';

/** How the fine-tune must be called to match its training data. */
export interface FrozenCall {
  /** The prompt to store on the fine-tune and call it with. */
  prompt: Prompt;
  /** `single` (final only), `cot` (two-message layout) or `reasoning` (field and tag layouts). */
  flow: 'single' | 'cot' | 'reasoning';
  /** Set when the reasoning comes back inline (`deepseek-r1` for the R1 layout). */
  parser?: string;
  /** Undefined for the final-only strategy. */
  layout?: ReasoningLayout;
  /** The system message text the flow sends ('' for none), written into every example. */
  system: string;
  /** The thinking turn's text in the two-message layout ('' otherwise). */
  thinkingInstruction: string;
}

/**
 * Freezes the prompt and call flow for an export so the data and later calls agree, message
 * for message, with the flows in @distillery/flows:
 * - final only: the `single` flow, system text only (a thinking instruction is dropped: the
 *   single-turn flow never sends it);
 * - reasoning-field and think-tags layouts: the `reasoning` flow, whose system message is the
 *   system text plus the thinking instruction when there is one;
 * - cot-messages: the `cot` flow, with the thinking instruction as its own user turn (default
 *   "Think step by step, explaining your reasoning.", written into the frozen prompt).
 */
export function freezeCall(base: Prompt, strategy: TrainingStrategy, format: ExportFormat): FrozenCall {
  const examples = base.examples?.length ? { examples: base.examples } : {};
  if (strategy === 'final-only') {
    const prompt: Prompt = { system: base.system, ...examples };
    return { prompt, flow: 'single', system: systemText(prompt), thinkingInstruction: '' };
  }
  if (format.layout === 'cot-messages') {
    const thinkingInstruction = base.thinkingInstruction ?? DEFAULT_THINKING_INSTRUCTION;
    const prompt: Prompt = { system: base.system, thinkingInstruction, ...examples };
    return { prompt, flow: 'cot', layout: format.layout, system: systemText(prompt), thinkingInstruction };
  }
  const prompt: Prompt = {
    system: base.system,
    ...(base.thinkingInstruction ? { thinkingInstruction: base.thinkingInstruction } : {}),
    ...examples,
  };
  return {
    prompt,
    flow: 'reasoning',
    ...(format.parser ? { parser: format.parser } : {}),
    layout: format.layout,
    system: systemText(prompt, prompt.thinkingInstruction),
    thinkingInstruction: '',
  };
}
