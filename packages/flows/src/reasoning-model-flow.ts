import { oneCallFlow } from './one-call-flow';

/**
 * For models that reason natively: system (plus the thinking instruction when the prompt has
 * one), user -> assistant. Reasoning comes from the provider's field or is parsed out of the text.
 */
export const reasoningModelFlow = oneCallFlow({
  id: 'reasoning',
  description: 'One call to a reasoning model; thinking from a response field or parsed from tags.',
  systemExtra: (prompt) => prompt.thinkingInstruction,
});
