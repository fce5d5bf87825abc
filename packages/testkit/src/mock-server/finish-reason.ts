const toAnthropic: Record<string, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
};
const toOpenAi: Record<string, string> = { end_turn: 'stop', max_tokens: 'length', tool_use: 'tool_calls' };

/** A scripted finish reason in OpenAI's vocabulary (`end_turn`→`stop`, …); other values pass through. */
export function openAiFinishReason(reason: string): string {
  return toOpenAi[reason] ?? reason;
}

/** A scripted finish reason in Anthropic's vocabulary (`stop`→`end_turn`, …); other values pass through. */
export function anthropicStopReason(reason: string): string {
  return toAnthropic[reason] ?? reason;
}
