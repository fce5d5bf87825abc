/** The text of a chat message's `content`: a string, or the `text` of its text parts joined. */
export function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part && typeof part === 'object') {
        const p = part as Record<string, unknown>;
        if (typeof p.text === 'string') return p.text;
        if (typeof p.content === 'string') return p.content;
      }
      return '';
    })
    .join('');
}

/** The text of the last message with role `user`, '' when there is none. */
export function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown> | null;
    if (m && typeof m === 'object' && m.role === 'user') return messageText(m.content);
  }
  return '';
}
