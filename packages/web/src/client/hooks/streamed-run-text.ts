import type { FlowEvent } from '@distillery/core';

/** The reasoning and answer a streaming run shows so far, as the playground page renders them. */
export interface StreamedRunText {
  reasoning: string;
  content: string;
  /** The call in progress (`reasoning` then `final` in the chain-of-thought flow). */
  phase: string | undefined;
  /** Why each retried call was sent again. */
  retries: string[];
  /** Where the call in progress began, so a retry takes back only that call's text. */
  callStart: { reasoning: number; content: number };
}

export const EMPTY_STREAMED_RUN_TEXT: StreamedRunText = {
  reasoning: '',
  content: '',
  phase: undefined,
  retries: [],
  callStart: { reasoning: 0, content: 0 },
};

/**
 * The text after one flow event. A retry sends the call in progress again from its start, so the
 * text that call streamed is taken back (an earlier call's, such as the chain of thought's
 * reasoning, stays).
 */
export function streamedRunText(text: StreamedRunText, event: FlowEvent): StreamedRunText {
  switch (event.type) {
    case 'reasoning-delta':
      return { ...text, reasoning: text.reasoning + event.text };
    case 'content-delta':
      return { ...text, content: text.content + event.text };
    case 'call-start':
      return {
        ...text,
        phase: event.purpose,
        callStart: { reasoning: text.reasoning.length, content: text.content.length },
      };
    case 'retry':
      return {
        ...text,
        reasoning: text.reasoning.slice(0, text.callStart.reasoning),
        content: text.content.slice(0, text.callStart.content),
        retries: [...text.retries, event.reason],
      };
  }
}
