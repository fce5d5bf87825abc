/** What a chat handler (`server.onChat`) sees of a chat call. */
export interface ChatRequestInfo {
  /** Which wire format the call used. */
  api: 'openai-chat' | 'anthropic-messages';
  model: string;
  stream: boolean;
  /** The request's messages, as sent. */
  messages: unknown[];
  /** Text of the last user message (text parts joined), '' when none. */
  lastUserText: string;
  /** Whether the request asked for visible reasoning (Together/OpenRouter `reasoning`, Anthropic `thinking`). */
  wantsReasoning: boolean;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  path: string;
}
