import { type FineTuneRecord, InputError, UserError } from '@distillery/core';
import {
  cancelFineTune,
  deployFineTune,
  findFineTune,
  isOpenBatch,
  isTerminal,
  listFineTunes,
  listGenerationBatches,
  openProjectStore,
  progressOf,
  refreshFineTune,
  type Session,
  watchFineTune,
} from '@distillery/runtime';
import type { Command } from 'commander';
import { formatOpenBatchesNote } from '../batch-display';
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
  if (record.error) out(`  ${style.red('error')} ${record.error}`);
  if (record.leftoverFiles?.length)
    out(`  files still stored at the provider (delete them): ${record.leftoverFiles.join(', ')}`);
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
        // Records a killed train left without a job id are always reconciled; the rest on --refresh.
        return Promise.all(
          all.map((r) => (isTerminal(r) || (!options.refresh && r.jobId) ? r : refreshFineTune(s, store, r))),
        );
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
        if (r.error && r.status !== 'completed') io.stdout.write(`  ${style.dim(r.error)}\n`);
      }
      // Provider batches (generation or eval) still running are jobs that bill too.
      const open = await withStore(s, async (store) =>
        (await listGenerationBatches(store)).filter(isOpenBatch),
      );
      if (open.length > 0) io.stdout.write(formatOpenBatchesNote(open));
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
            onRetry: (error) =>
              io.stderr.write(
                `${style.yellow('retrying')} the provider did not answer this poll: ${error.message}\n`,
              ),
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
          if (final.status === 'failed' || final.status === 'cancelled') {
            throw new UserError(
              `Fine-tune ${final.id} ${final.status}${final.error ? `: ${final.error}` : '.'}`,
              {
                advice:
                  final.status === 'failed'
                    ? `See \`distill events ${final.id}\` for what happened; fix it and start again with \`distill train\`.`
                    : 'Start it again with `distill train` if you still want it.',
              },
            );
          }
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
    .option('--hardware <id>', 'hardware id (without it, the hardware the model can run on is listed)')
    .option('--another', 'start another endpoint even though this fine-tune has one running')
    .option('--min-replicas <n>', 'minimum replicas', '1')
    .option('--max-replicas <n>', 'maximum replicas', '1')
    .option('--no-wait', 'return as soon as the endpoint is created, before it serves')
    .option('--interval <seconds>', 'seconds between endpoint polls while waiting', '10')
    .option('--json', 'print the fine-tune record as JSON')
    .action(
      async (
        id: string,
        options: {
          hardware?: string;
          another?: boolean;
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
        const progress = options.json ? io.stderr : io.stdout;
        const minReplicas = replicas('--min-replicas', options.minReplicas);
        const maxReplicas = replicas('--max-replicas', options.maxReplicas);
        const record = await withStore(s, async (store) =>
          deployFineTune(s, store, await findFineTune(store, id), {
            ...(options.hardware ? { hardware: options.hardware } : {}),
            ...(options.another ? { another: true } : {}),
            onHardware: (hardware, usd) =>
              progress.write(
                `  starting an endpoint on ${hardware.id}: ${
                  usd === undefined
                    ? 'hourly price not published'
                    : `$${usd.toFixed(2)}/hour per replica, up to $${(usd * Math.max(minReplicas, maxReplicas)).toFixed(2)}/hour with ${Math.max(minReplicas, maxReplicas)} replica(s), billed while it runs`
                }\n`,
              ),
            minReplicas,
            maxReplicas,
            wait: options.wait,
            intervalMs: seconds('--interval', options.interval) * 1000,
            onState: (state) => (options.json ? io.stderr : io.stdout).write(`  endpoint ${state}\n`),
          }),
        );
        if (options.json) io.stdout.write(`${JSON.stringify(record)}\n`);
        else
          io.stdout.write(
            `Deployed ${record.id} as endpoint ${record.endpoint?.name} (${record.endpoint?.id}). Try it: distill run --finetune ${record.id} --input "..."\nIt bills by the hour until stopped: distill endpoints stop ${record.endpoint?.id}\n`,
          );
      },
    );
};
