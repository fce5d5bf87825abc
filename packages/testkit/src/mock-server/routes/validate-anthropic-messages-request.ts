function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const THINKING_TYPES = ['enabled', 'disabled', 'adaptive', 'between_tools'];

/** Models that take `thinking: {type: 'adaptive'}` (and `between_tools`): Claude 4.6 and later. */
export function supportsAdaptiveThinking(model: string): boolean {
  return /^claude-(opus|sonnet|haiku)-4-([6-9]|\d\d)|^claude-[a-z]+-5\b|^claude-[a-z]+-preview/.test(model);
}

/**
 * Checks a Messages API body the way Anthropic does (the subset that matters to clients): `model`,
 * `max_tokens` and `messages` present; roles `user`/`assistant` only (a `system` role gets Anthropic's hint
 * about the top-level `system`); `thinking.budget_tokens` ≥ 1024 and < `max_tokens` when thinking is
 * `enabled`; `adaptive` only on the models that support it; `temperature` only 1 with thinking. Returns the first error message, or null.
 */
export function validateAnthropicMessagesRequest(body: Record<string, unknown>): string | null {
  if (body.model === undefined) return 'model: Field required';
  if (typeof body.model !== 'string') return 'model: Input should be a valid string';
  if (body.max_tokens === undefined) return 'max_tokens: Field required';
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens))
    return 'max_tokens: Input should be a valid integer';
  if (body.max_tokens < 1) return 'max_tokens: Input should be greater than or equal to 1';
  if (body.messages === undefined) return 'messages: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Input should be a valid list';
  if (body.messages.length === 0) return 'messages: at least one message is required';
  for (const [i, message] of body.messages.entries()) {
    if (!isRecord(message)) return `messages.${i}: Input should be a valid dictionary`;
    if (message.role === 'system')
      return 'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.';
    if (message.role === undefined) return `messages.${i}.role: Field required`;
    if (message.role !== 'user' && message.role !== 'assistant')
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (message.content === undefined) return `messages.${i}.content: Field required`;
    if (typeof message.content !== 'string' && !Array.isArray(message.content))
      return `messages.${i}.content: Input should be a valid list`;
  }
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system))
    return 'system: Input should be a valid list';
  const thinking = body.thinking;
  if (thinking !== undefined) {
    if (!isRecord(thinking))
      return 'thinking: Input should be a valid dictionary or object to extract fields from';
    if (typeof thinking.type !== 'string' || !THINKING_TYPES.includes(thinking.type))
      return `thinking: Input tag '${String(thinking.type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive', 'between_tools'`;
    if (
      (thinking.type === 'adaptive' || thinking.type === 'between_tools') &&
      !supportsAdaptiveThinking(body.model)
    )
      return `thinking.type: '${thinking.type}' thinking is not supported on ${body.model}. Use {"type": "enabled", "budget_tokens": N} on this model.`;
    if (thinking.type === 'enabled') {
      const budget = thinking.budget_tokens;
      if (budget === undefined) return 'thinking.enabled.budget_tokens: Field required';
      if (typeof budget !== 'number' || !Number.isInteger(budget))
        return 'thinking.enabled.budget_tokens: Input should be a valid integer';
      if (budget < 1024)
        return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
      if (budget >= body.max_tokens)
        return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
    }
    if (thinking.type === 'enabled' || thinking.type === 'adaptive') {
      if (body.temperature !== undefined && body.temperature !== 1)
        return '`temperature` may only be set to 1 when thinking is enabled or in adaptive mode. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';
      if (body.top_k !== undefined)
        return '`top_k` is not supported when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';
    }
  }
  if (body.temperature !== undefined) {
    if (typeof body.temperature !== 'number') return 'temperature: Input should be a valid number';
    if (body.temperature < 0 || body.temperature > 1)
      return 'temperature: Input should be less than or equal to 1';
  }
  return null;
}
