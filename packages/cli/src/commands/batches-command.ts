import {
  cancelGenerationBatch,
  listGenerationBatches,
  openProjectStore,
  refreshGenerationBatch,
} from '@distillery/runtime';
import type { Command } from 'commander';
import { formatBatchRecord } from '../batch-display';
import type { RegisterCommand } from '../command-context';

interface BatchesFlags {
  json?: boolean;
  task?: string;
}

/** `distill batches list|status|cancel`: the provider batches generations submitted. */
export const registerBatchesCommand: RegisterCommand = (program, { io, session }) => {
  const batches = program
    .command('batches')
    .description('provider batches submitted by `generate --batch` and `eval --batch`: list, status, cancel');

  batches
    .command('list')
    .description('every batch of this project, newest first, with its state and what it costs')
    .option('--task <id>', 'only the batches of this task')
    .option('--json', 'print JSON')
    .action(async (flags: BatchesFlags, command: Command) => {
      const store = await openProjectStore(await session(command));
      try {
        const list = (await listGenerationBatches(store)).filter(
          (b) => flags.task === undefined || b.taskId === flags.task,
        );
        if (flags.json) {
          io.stdout.write(
            `${JSON.stringify(list.map(({ requests, ...b }) => ({ ...b, requests: requests.length })))}\n`,
          );
        } else if (list.length === 0) {
          io.stdout.write('No batches yet (distill generate --batch submits some).\n');
        } else {
          io.stdout.write(list.map((b) => `${formatBatchRecord(b)}\n`).join(''));
        }
      } finally {
        await store.close();
      }
    });

  batches
    .command('status <id>')
    .description("a batch as the provider sees it now (Distillery's id or the provider's)")
    .option('--json', 'print JSON')
    .action(async (id: string, flags: BatchesFlags, command: Command) => {
      const s = await session(command);
      const store = await openProjectStore(s);
      try {
        const { record, info } = await refreshGenerationBatch(s, store, id, io.signal);
        if (flags.json) {
          const { raw: _raw, ...provider } = info ?? { raw: null };
          io.stdout.write(
            `${JSON.stringify({ ...record, requests: record.requests.length, provider: info ? provider : null })}\n`,
          );
          return;
        }
        io.stdout.write(`${formatBatchRecord(record)}\n`);
        if (info) {
          io.stdout.write(
            `  provider: ${info.rawStatus} · ${info.counts.succeeded} succeeded · ${info.counts.failed} failed · of ${info.counts.total ?? record.requests.length}${info.expiresAt ? ` · expires ${info.expiresAt}` : ''}\n`,
          );
          for (const e of info.errors ?? []) io.stdout.write(`  error: ${e}\n`);
        }
      } finally {
        await store.close();
      }
    });

  batches
    .command('cancel <id>')
    .description('ask the provider to cancel a batch (finished requests are kept by the next run)')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: BatchesFlags, command: Command) => {
      const s = await session(command);
      const store = await openProjectStore(s);
      try {
        const info = await cancelGenerationBatch(s, store, id, io.signal);
        if (flags.json) io.stdout.write(`${JSON.stringify({ id: info.id, status: info.status })}\n`);
        else
          io.stdout.write(
            `Batch ${info.id}: ${info.rawStatus}. Run the generation again to store what it finished and send the rest.\n`,
          );
      } finally {
        await store.close();
      }
    });
};
