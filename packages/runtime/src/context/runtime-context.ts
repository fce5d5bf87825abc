import { type Logger, silentLogger } from './logger';

/** Everything a runtime function may touch, passed explicitly instead of global state. */
export interface RuntimeContext {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  signal?: AbortSignal;
}

export function createContext(partial: Partial<RuntimeContext> = {}): RuntimeContext {
  return {
    cwd: partial.cwd ?? process.cwd(),
    env: partial.env ?? process.env,
    logger: partial.logger ?? silentLogger,
    ...(partial.signal ? { signal: partial.signal } : {}),
  };
}
