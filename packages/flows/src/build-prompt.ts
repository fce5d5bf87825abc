import type { ChatMessage, Prompt } from '@distillery/core';

/** The task input as message text: strings verbatim, anything else as compact JSON. */
export function formatInput(input: unknown): string {
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/** The system text with few-shot examples (and their reasoning) appended. */
export function systemText(prompt: Prompt, extra?: string): string {
  const parts = [prompt.system];
  if (extra) parts.push(extra);
  const examples = prompt.examples ?? [];
  examples.forEach((example, index) => {
    const lines = [`## Example ${index + 1}`, `Input:\n${example.input}`];
    if (example.reasoning) lines.push(`Reasoning:\n${example.reasoning}`);
    lines.push(`Output:\n${example.output}`);
    parts.push(lines.join('\n\n'));
  });
  return parts.filter((part) => part.length > 0).join('\n\n');
}

export function systemMessage(prompt: Prompt, extra?: string): ChatMessage[] {
  const text = systemText(prompt, extra);
  return text.length > 0 ? [{ role: 'system', content: text }] : [];
}
