import type { Session } from '@distillery/runtime';
import { findParserForModel } from '@distillery/runtime/session';
import type { Command } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { styleFor } from '../style';

/**
 * `distill plugins`: every plugin the registry knows, from manifests (no implementation is
 * imported): kind, id, package, version and optional capabilities. With `--model`, the reasoning
 * parser that model gets, also chosen from manifests.
 */
export function pluginsCommand(
  session: Session,
  options: { json?: boolean; model?: string },
  io: CliIO,
): void {
  if (options.model !== undefined) {
    modelParser(session, options.model, options.json ?? false, io);
    return;
  }
  const rows = session.plugins
    .list()
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      package: r.packageName ?? r.source,
      version: r.version ?? null,
      capabilities: [...(r.manifest.capabilities ?? [])],
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const style = styleFor(io.stdout, io.env);
  const header = ['ID', 'KIND', 'PACKAGE', 'VERSION', 'CAPABILITIES'];
  const table = rows.map((r) => [
    r.id,
    r.kind,
    r.package,
    r.version ?? '-',
    r.capabilities.join(', ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  io.stdout.write(`${style.bold(line(header))}\n`);
  for (const row of table) io.stdout.write(`${line(row)}\n`);
  const where = session.config.file
    ? `config: ${session.config.file}`
    : 'no distill.config.ts found; built-in plugins only';
  io.stdout.write(`${style.dim(`\n${rows.length} plugins (${where})`)}\n`);
}

/** `distill plugins --model ID`: the reasoning parser that model gets, and why. */
function modelParser(session: Session, model: string, json: boolean, io: CliIO): void {
  const choice = findParserForModel(session, model);
  if (json) {
    io.stdout.write(
      `${JSON.stringify({ model, parser: choice?.id ?? null, reason: choice?.reason ?? null })}\n`,
    );
    return;
  }
  io.stdout.write(
    choice
      ? `${model}: parser ${choice.id} (${choice.reason})\n`
      : `${model}: no reasoning parser fits; name one with --parser or in the config's models.\n`,
  );
}

export const registerPluginsCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('plugins')
    .description('list the known plugins: id, kind, package, version, capabilities')
    .option('--json', 'print a JSON array')
    .option('-m, --model <id>', 'show the reasoning parser this model gets (--parser auto)')
    .action(async (options: { json?: boolean; model?: string }, command: Command) =>
      pluginsCommand(await session(command), options, io),
    );
};
