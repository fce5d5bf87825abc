/**
 * One scripted answer of the mock server to a chat call (OpenAI-compatible chat completions,
 * Together chat, Anthropic messages). Every field is optional; unset fields get deterministic defaults.
 */
export interface MockReply {
  /** The answer text. Default: empty when `toolCall` is set, otherwise the default handler's echo. */
  content?: string;
  /** Reasoning text; where it goes depends on the API (`reasoningField`, Anthropic thinking block). */
  reasoning?: string;
  /**
   * Where `reasoning` goes in the OpenAI-compatible format. Default: `reasoning` when the request carried
   * Together's/OpenRouter's `reasoning` object (or the server flavor is `together`), else `reasoning_content`.
   * `none` means the caller put `<think>` tags in `content` itself: no reasoning field is sent.
   */
  reasoningField?: 'reasoning_content' | 'reasoning' | 'both' | 'none';
  /** OpenRouter-style `reasoning_details`, sent verbatim (one element per SSE delta when streaming). */
  reasoningDetails?: unknown[];
  /** SSE only: units per delta (≥ 1). Default 8. */
  chunkSize?: number;
  /**
   * SSE only: what a unit of `chunkSize` is. `code-point` (default) never splits a character;
   * `code-unit` counts UTF-16 code units and may split a surrogate pair across deltas.
   */
  splitMode?: 'code-point' | 'code-unit';
  /**
   * SSE only: write the raw response bytes to the socket in pieces of this many bytes, so SSE lines,
   * events and multi-byte UTF-8 sequences arrive split across network reads. Default: one write per event.
   */
  byteChunkSize?: number;
  /** The provider's finish/stop reason, sent verbatim (common OpenAI/Anthropic names are translated). */
  finishReason?: string;
  usage?: { prompt_tokens?: number; completion_tokens?: number; reasoning_tokens?: number };
  /** A tool/function call; `arguments` is the JSON text of the arguments. */
  toolCall?: { name: string; arguments: string };
  /** Scripted error: an HTTP status ≥ 400 answers with `errorBody` (or the provider's default error shape). */
  status?: number;
  errorBody?: unknown;
  /** Extra response headers (scripted errors and successes alike). */
  headers?: Record<string, string>;
  /** The model id reported back. Default: the requested model. */
  model?: string;
  /** Anthropic: signature of the thinking block. Default: a deterministic opaque string. */
  thinkingSignature?: string;
  /** Anthropic: data of a `redacted_thinking` block, placed after the thinking block. */
  redactedThinking?: string;
  /**
   * Non-streamed OpenAI-compatible chat only: the per-token log-probabilities sent when the request
   * asks for them (OpenAI `logprobs: true`, Together `logprobs: N`). Default: each whitespace-separated
   * piece of the content with probability 1. `top` (default: the token itself) is cut to the number asked.
   */
  logprobs?: { token: string; logprob: number; top?: { token: string; logprob: number }[] }[];
  /** Delay before each SSE event (and once before a JSON response). */
  delayMs?: number;
}
