export interface OutputStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** The process's standard streams and surroundings, passed explicitly so tests can run the CLI in-process. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: AsyncIterable<Uint8Array | string>;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  signal?: AbortSignal;
}
