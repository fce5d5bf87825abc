import { useCallback, useRef, useState } from 'react';
import type {
  ApiErrorBody,
  PlaygroundRequest,
  PlaygroundResult,
  PlaygroundStreamMessage,
} from '../../shared/api-types';
import { apiSend } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { readEventStream } from '../api/read-event-stream';
import { EMPTY_STREAMED_RUN_TEXT, streamedRunText } from './streamed-run-text';

export interface PlaygroundRunState {
  status: 'idle' | 'running' | 'done' | 'error' | 'stopped';
  reasoning: string;
  content: string;
  /** The call in progress, e.g. "reasoning" then "final" in the chain-of-thought flow. */
  phase: string | undefined;
  retries: string[];
  result: PlaygroundResult | undefined;
  error: ApiErrorBody | undefined;
}

const IDLE: PlaygroundRunState = {
  status: 'idle',
  reasoning: '',
  content: '',
  phase: undefined,
  retries: [],
  result: undefined,
  error: undefined,
};

/** Runs the playground request over server-sent events, accumulating reasoning and answer as they stream. */
export function usePlaygroundRun(): {
  state: PlaygroundRunState;
  /** Runs a playground request, or posts `body` to another streaming run route (a fine-tune's). */
  run: (request: PlaygroundRequest | { path: string; body: unknown }) => Promise<void>;
  stop: () => void;
} {
  const [state, setState] = useState<PlaygroundRunState>(IDLE);
  const controller = useRef<AbortController | undefined>(undefined);

  const stop = useCallback(() => {
    controller.current?.abort();
  }, []);

  const run = useCallback(async (request: PlaygroundRequest | { path: string; body: unknown }) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    let text = EMPTY_STREAMED_RUN_TEXT;
    const update = (patch: Partial<PlaygroundRunState>) =>
      setState((s) => ({
        ...s,
        reasoning: text.reasoning,
        content: text.content,
        phase: text.phase,
        retries: text.retries,
        ...patch,
      }));
    setState({ ...IDLE, status: 'running' });
    try {
      const [path, body] =
        'path' in request ? [request.path, request.body] : ['/api/playground/run', request];
      const response = await apiSend('POST', path, body, {
        signal: abort.signal,
        accept: 'text/event-stream',
      });
      for await (const message of readEventStream<PlaygroundStreamMessage>(response)) {
        if (message.type === 'event') {
          text = streamedRunText(text, message.event);
          update({});
        } else if (message.type === 'result') {
          text = { ...text, reasoning: message.result.reasoning ?? '', content: message.result.content };
          update({ status: 'done', result: message.result, phase: undefined });
        } else {
          update({ status: 'error', error: message.error, phase: undefined });
        }
      }
      setState((s) => (s.status === 'running' ? { ...s, status: 'stopped', phase: undefined } : s));
    } catch (error) {
      if (abort.signal.aborted) {
        setState((s) => ({ ...s, status: 'stopped', phase: undefined }));
        return;
      }
      const body: ApiErrorBody =
        error instanceof ApiError ? error.body : { name: 'Error', message: (error as Error).message };
      setState((s) => ({ ...s, status: 'error', error: body, phase: undefined }));
    }
  }, []);

  return { state, run, stop };
}
