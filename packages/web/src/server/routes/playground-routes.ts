import { InputError, type JsonSchema, type ModelParameters } from '@distillery/core';
import { findTask, runModel, type Session } from '@distillery/runtime';
import type { PlaygroundRequest } from '../../shared/api-types';
import { HttpError } from '../http-error';
import type { Route } from '../route';
import { sessionWithSignal } from '../session-with-signal';
import { streamModelRun } from './stream-model-run';
import { toPlaygroundResult } from './to-playground-result';

function str(body: Record<string, unknown>, key: string, required: boolean): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === '') {
    if (required) throw new HttpError(400, `${key} is required.`);
    return undefined;
  }
  if (typeof value !== 'string') throw new HttpError(400, `${key} must be a string.`);
  return value;
}

/** Checks a playground request body. */
export function parsePlaygroundRequest(value: unknown): PlaygroundRequest {
  if (typeof value !== 'object' || value === null) throw new HttpError(400, 'Send a JSON object.');
  const body = value as Record<string, unknown>;
  const parameters = body.parameters;
  if (parameters !== undefined && (typeof parameters !== 'object' || parameters === null)) {
    throw new HttpError(400, 'parameters must be an object.');
  }
  const flow = str(body, 'flow', false);
  const parser = str(body, 'parser', false);
  const thinkingInstruction = str(body, 'thinkingInstruction', false);
  const taskId = str(body, 'taskId', false);
  return {
    provider: str(body, 'provider', true)!,
    model: str(body, 'model', true)!,
    system: str(body, 'system', false) ?? '',
    input: str(body, 'input', true)!,
    ...(flow ? { flow } : {}),
    ...(parser ? { parser } : {}),
    ...(thinkingInstruction ? { thinkingInstruction } : {}),
    ...(taskId ? { taskId } : {}),
    ...(parameters ? { parameters: parameters as ModelParameters } : {}),
    stream: body.stream !== false,
  };
}

/** Runs one input through `runModel`, the `distill run` pipeline, exactly as the CLI does. */
async function run(
  session: Session,
  request: PlaygroundRequest,
  onEvent?: Parameters<typeof runModel>[1]['onEvent'],
) {
  const task = request.taskId ? findTask(session, request.taskId) : undefined;
  const outputSchema: JsonSchema | undefined =
    task?.outputSchema && task.outputSchema.type === 'object' ? task.outputSchema : undefined;
  if (!request.input.trim()) throw new InputError('Nothing to run: the input is empty.');
  return runModel(session, {
    provider: request.provider,
    model: request.model,
    ...(request.flow ? { flow: request.flow } : {}),
    ...(request.parser ? { parser: request.parser } : {}),
    prompt: {
      system: request.system,
      ...(request.thinkingInstruction ? { thinkingInstruction: request.thinkingInstruction } : {}),
    },
    input: request.input,
    ...(request.parameters && Object.keys(request.parameters).length
      ? { parameters: request.parameters }
      : {}),
    ...(outputSchema ? { outputSchema } : {}),
    ...(request.stream ? { stream: true } : {}),
    ...(onEvent ? { onEvent } : {}),
  });
}

/**
 * `POST /api/playground/run`: answers `text/event-stream` with the flow's events as they come
 * (reasoning and content deltas), then the result, or an error. With `Accept: application/json`
 * it answers once with the result.
 */
export const playgroundRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/playground/run',
    async handler({ ctx, req, res, body, signal }) {
      const request = parsePlaygroundRequest(await body());
      const session = sessionWithSignal(ctx.session, signal);
      if (!(req.headers.accept ?? '').includes('text/event-stream')) {
        return toPlaygroundResult(await run(session, request));
      }
      await streamModelRun(res, ctx.redact, signal, (onEvent) => run(session, request, onEvent));
      return undefined;
    },
  },
];
