import type { ServerResponse } from 'node:http';
import type { FlowEvent } from '@distillery/core';
import type { RunModelResult } from '@distillery/runtime';
import type { PlaygroundStreamMessage } from '../../shared/api-types';
import { openSse } from '../open-sse';
import { toApiError } from '../to-api-error';
import { toPlaygroundResult } from './to-playground-result';

/**
 * Answers with server-sent events for one model run: each flow event as it comes (reasoning and
 * content deltas), then the result, or the error.
 */
export async function streamModelRun(
  res: ServerResponse,
  redact: (text: string) => string,
  signal: AbortSignal,
  run: (onEvent: (event: FlowEvent) => void) => Promise<RunModelResult>,
): Promise<void> {
  const sse = openSse(res, redact);
  const send = (message: PlaygroundStreamMessage) => sse.send(message);
  try {
    const result = await run((event) => send({ type: 'event', event }));
    send({ type: 'result', result: toPlaygroundResult(result) });
  } catch (error) {
    if (!signal.aborted) send({ type: 'error', error: toApiError(error).body });
  } finally {
    sse.close();
  }
}
