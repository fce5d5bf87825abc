import { InputError } from '@distillery/core';
import type { Session } from '@distillery/runtime';
import { DEFAULT_WEB_HOST, DEFAULT_WEB_PORT, openBrowser, startWebServer } from '@distillery/web';
import type { Command } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';

export interface WebCommandOptions {
  port?: string;
  host?: string;
  open?: boolean;
  json?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WEB_PORT;
  const port = Number(value);
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new InputError(`--port must be a whole number from 0 to 65535, got "${value}".`, {
      advice: 'Pass a free port such as --port 4320, or --port 0 to let the system pick one.',
    });
  }
  return port;
}

/** Resolves when the signal aborts (Ctrl+C); never without one. */
function untilAborted(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (!signal) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** `distill web`: serves the local web front end over this project until Ctrl+C. */
export async function webCommand(session: Session, options: WebCommandOptions, io: CliIO): Promise<void> {
  const port = parsePort(options.port);
  const host = options.host ?? DEFAULT_WEB_HOST;
  const server = await startWebServer({ session, port, host, ...(io.signal ? { signal: io.signal } : {}) });
  const style = styleFor(io.stdout, io.env);
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  } else {
    io.stdout.write(`${style.bold('Distillery')} is running at ${style.cyan(server.url)}\n`);
    io.stdout.write(
      `${style.dim(`Project: ${session.config.file ?? session.config.dir} · Ctrl+C to stop`)}\n`,
    );
  }
  if (!LOOPBACK.has(host)) {
    io.stderr.write(
      `warning: serving on ${host} lets other machines on the network read this project; changes still need the page's token.\n`,
    );
  }
  if (options.open && !(await openBrowser(server.url))) {
    io.stderr.write(`note: could not open a browser; open ${server.url} yourself.\n`);
  }
  await untilAborted(io.signal);
  await server.close();
}

export const registerWebCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('web')
    .description('serve the local web front end: samples, playground, datasets and fine-tunes in the browser')
    .option('--port <port>', `port to listen on (default ${DEFAULT_WEB_PORT}; 0 picks a free one)`)
    .option('--host <host>', `interface to bind (default ${DEFAULT_WEB_HOST}: this machine only)`)
    .option('--open', 'open the front end in the system browser')
    .option('--json', 'print {"url": ...} as one JSON line once the server is ready')
    .action(async (options: WebCommandOptions, command: Command) =>
      webCommand(await session(command), options, io),
    );
};
