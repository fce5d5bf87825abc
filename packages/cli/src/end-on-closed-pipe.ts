interface PipeEnds {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  exit(code: number): never;
}

const closedPipe = (error: NodeJS.ErrnoException) =>
  error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED';

/**
 * `distill … | head`: once the reader has closed standard output there is no one left to answer,
 * so the command ends quietly with exit 0, as git and ls do, instead of an EPIPE stack. A closed
 * standard error is ignored (there is nowhere to say anything). Any other stream error is rethrown.
 */
export function endOnClosedPipe(proc: PipeEnds): void {
  proc.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (closedPipe(error)) proc.exit(0);
    throw error;
  });
  proc.stderr.on('error', (error: NodeJS.ErrnoException) => {
    if (!closedPipe(error)) throw error;
  });
}
