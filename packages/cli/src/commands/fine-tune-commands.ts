import { type FineTuneRecord, InputError } from '@distillery/core';
import {
  cancelFineTune,
  deployFineTune,
  findFineTune,
  isTerminal,
  listFineTunes,
  openProjectStore,
  progressOf,
  refreshFineTune,
  type Session,
  watchFineTune,
} from '@distillery/runtime';
import type { Command } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { type Style, styleFor } from '../style';

async function withStore<T>(
  s: Session,
  fn: (store: Awaited<ReturnType<typeof openProjectStore>>) => Promise<T>,
): Promise<T> {
  const store = await openProjectStore(s);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function statusLine(record: FineTuneRecord, style: Style): string {
  const p = progressOf(record);
  const color =
    record.status === 'completed' ? style.green : record.status === 'failed' ? style.red : style.yellow;
  const parts = [color(record.status)];
  if (record.rawStatus && record.rawStatus !== record.status) parts.push(style.dim(`(${record.rawStatus})`));
  if (p.step !== undefined)
    parts.push(`step ${p.step}${p.totalSteps !== undefined ? `/${p.totalSteps}` : ''}`);
  if (p.loss !== undefined) parts.push(`loss ${p.loss.toFixed(4)}`);
  if (record.resultModel) parts.push(`model ${record.resultModel}`);
  return parts.join('  ');
}

function seconds(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError(`${flag} must be a positive number of seconds, got "${value}".`);
  return n;
}

function printRecord(record: FineTuneRecord, io: CliIO): void {
  const style = styleFor(io.stdout, io.env);
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`${style.bold(record.id)}  ${statusLine(record, style)}`);
  out(
    `  job ${record.jobId ?? '(not created)'} on ${record.backend}, base ${record.baseModel}, ${record.strategy}, ${record.method}`,
  );
  out(`  called with the ${record.flow} flow${record.parser ? ` + ${record.parser} parser` : ''}`);
  if (record.endpoint) out(`  endpoint ${record.endpoint.name} (${record.endpoint.id})`);
  for (const h of record.statusHistory)
    out(style.dim(`  ${h.at}  ${h.status}${h.rawStatus ? ` (${h.rawStatus})` : ''}`));
}

export const registerFineTuneCommands: RegisterCommand = (program, { io, session }) => {
  program
    .command('jobs')
    .description('list this project’s fine-tunes')
    .option('--refresh', 'ask the providers for the latest status first')
    .option('--json', 'print a JSON array')
    .action(async (options: { refresh?: boolean; json?: boolean }, command: Command) => {
      const s = await session(command);
      const records = await withStore(s, async (store) => {
        const all = await listFineTunes(store);
        if (!options.refresh) return all;
        return Promise.all(all.map((r) => (isTerminal(r) ? r : refreshFineTune(s, store, r))));
      });
      if (options.json) {
        io.stdout.write(`${JSON.stringify(records)}\n`);
        return;
      }
      const style = styleFor(io.stdout, io.env);
      if (records.length === 0)
        io.stdout.write(`${style.dim('No fine-tunes yet: start one with `distill train`.')}\n`);
      for (const r of records) {
        io.stdout.write(
          `${r.id}  ${r.backend.padEnd(8)} ${r.baseModel}  ${statusLine(r, style)}  ${style.dim(r.createdAt)}\n`,
        );
      }
    });

  program
    .command('status')
    .description('a fine-tune’s status from its provider; --watch follows it to the end')
    .argument('<id>', 'fine-tune id (or provider job id)')
    .option('--watch', 'follow state changes, steps and loss until it ends')
    .option('--interval <seconds>', 'seconds between polls with --watch', '10')
    .option('--json', 'print the fine-tune record as JSON (with --watch: one JSON line per change)')
    .action(
      async (
        id: string,
        options: { watch?: boolean; interval: string; json?: boolean },
        command: Command,
      ) => {
        const s = await session(command);
        const style = styleFor(io.stdout, io.env);
        const final = await withStore(s, async (store) => {
          const record = await findFineTune(store, id);
          if (!options.watch) return refreshFineTune(s, store, record);
          let lastLine = '';
          return watchFineTune(s, store, record, {
            intervalMs: seconds('--interval', options.interval) * 1000,
            onUpdate: (current) => {
              const line = options.json
                ? JSON.stringify(current)
                : `${new Date().toISOString()}  ${statusLine(current, style)}`;
              const comparable = options.json ? statusLine(current, style) : line.slice(25);
              if (comparable === lastLine) return;
              lastLine = comparable;
              io.stdout.write(`${line}\n`);
            },
          });
        });
        if (options.watch) {
          if (!options.json && final.resultModel)
            io.stdout.write(`${style.green('Model:')} ${final.resultModel}\n`);
          return;
        }
        if (options.json) io.stdout.write(`${JSON.stringify(final)}\n`);
        else printRecord(final, io);
      },
    );

  program
    .command('events')
    .description('a fine-tune’s events from its provider')
    .argument('<id>', 'fine-tune id (or provider job id)')
    .option('--json', 'print a JSON array')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const s = await session(command);
      const record = await withStore(s, async (store) =>
        refreshFineTune(s, store, await findFineTune(store, id)),
      );
      if (options.json) {
        io.stdout.write(`${JSON.stringify(record.events)}\n`);
        return;
      }
      const style = styleFor(io.stdout, io.env);
      for (const e of record.events) {
        const level =
          e.level === 'error'
            ? style.red(e.level)
            : e.level === 'warning'
              ? style.yellow(e.level)
              : style.dim(e.level);
        io.stdout.write(`${style.dim(e.at)}  ${level}  ${e.message}\n`);
      }
    });

  program
    .command('cancel')
    .description('cancel a running fine-tune')
    .argument('<id>', 'fine-tune id (or provider job id)')
    .option('--json', 'print the fine-tune record as JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const s = await session(command);
      const record = await withStore(s, async (store) =>
        cancelFineTune(s, store, await findFineTune(store, id)),
      );
      if (options.json) io.stdout.write(`${JSON.stringify(record)}\n`);
      else
        io.stdout.write(
          `Cancel requested for ${record.id}: ${statusLine(record, styleFor(io.stdout, io.env))}\n`,
        );
    });

  program
    .command('deploy')
    .description('deploy a completed fine-tune to a dedicated endpoint')
    .argument('<id>', 'fine-tune id (or provider job id)')
    .requiredOption('--hardware <id>', 'hardware id (the provider lists what the model can run on)')
    .option('--min-replicas <n>', 'minimum replicas', '1')
    .option('--max-replicas <n>', 'maximum replicas', '1')
    .option('--no-wait', 'return as soon as the endpoint is created, before it serves')
    .option('--interval <seconds>', 'seconds between endpoint polls while waiting', '10')
    .option('--json', 'print the fine-tune record as JSON')
    .action(
      async (
        id: string,
        options: {
          hardware: string;
          minReplicas: string;
          maxReplicas: string;
          wait: boolean;
          interval: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const replicas = (flag: string, v: string) => {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 0)
            throw new InputError(`${flag} must be a non-negative integer, got "${v}".`);
          return n;
        };
        const s = await session(command);
        const record = await withStore(s, async (store) =>
          deployFineTune(s, store, await findFineTune(store, id), {
            hardware: options.hardware,
            minReplicas: replicas('--min-replicas', options.minReplicas),
            maxReplicas: replicas('--max-replicas', options.maxReplicas),
            wait: options.wait,
            intervalMs: seconds('--interval', options.interval) * 1000,
            onState: (state) => (options.json ? io.stderr : io.stdout).write(`  endpoint ${state}\n`),
          }),
        );
        if (options.json) io.stdout.write(`${JSON.stringify(record)}\n`);
        else
          io.stdout.write(
            `Deployed ${record.id} as endpoint ${record.endpoint?.name} (${record.endpoint?.id}). Try it: distill run --finetune ${record.id} --input "..."\n`,
          );
      },
    );
};
