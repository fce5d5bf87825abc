import type { CliIO, OutputStream } from './cli-io';

/**
 * Where progress for people goes: stdout when it is a terminal and no --json was asked for,
 * otherwise stderr (so stdout stays clean for pipes and JSON).
 */
export function progressStream(io: CliIO, json: boolean | undefined): OutputStream {
  return !json && io.stdout.isTTY === true ? io.stdout : io.stderr;
}
