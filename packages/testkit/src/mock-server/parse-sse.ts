/** One server-sent event: its `event:` name (if any) and its `data:` lines joined by newlines. */
export interface SseEvent {
  event?: string;
  data: string;
}

/** Parses a complete `text/event-stream` body (LF, CRLF or CR line ends) into its events. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let name: string | undefined;
  let data: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (data.length > 0 || name !== undefined)
        events.push({ ...(name !== undefined ? { event: name } : {}), data: data.join('\n') });
      name = undefined;
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') name = value;
    else if (field === 'data') data.push(value);
  }
  return events;
}
