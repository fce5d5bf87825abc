import type { CallFlow } from '@distillery/core';
import { chainOfThoughtFlow } from './chain-of-thought-flow';
import { reasoningModelFlow } from './reasoning-model-flow';
import { singleTurnFlow } from './single-turn-flow';

export { formatInput, systemText } from './build-prompt';
export { type CallModelInput, callModel, type ModelAnswer } from './call-model';
export { parseStructuredOutput } from './parse-structured-output';
export { StructuredOutputError } from './structured-output-error';
export { chainOfThoughtFlow, reasoningModelFlow, singleTurnFlow };

/** The three built-in flows, by id: `single`, `cot`, `reasoning`. */
export const flows: readonly CallFlow[] = [singleTurnFlow, chainOfThoughtFlow, reasoningModelFlow];

export default flows;
