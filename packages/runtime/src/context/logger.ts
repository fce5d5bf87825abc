export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default for library calls. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Writes warnings and errors (and info/debug when verbose) to a stream such as stderr. */
export function streamLogger(
  stream: { write(text: string): unknown },
  options: { verbose?: boolean } = {},
): Logger {
  const line = (level: string, message: string) => stream.write(`${level}${message}\n`);
  return {
    debug: (m) => options.verbose && line('debug: ', m),
    info: (m) => options.verbose && line('', m),
    warn: (m) => line('warning: ', m),
    error: (m) => line('error: ', m),
  };
}
