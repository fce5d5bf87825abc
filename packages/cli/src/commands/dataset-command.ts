import { InputError } from '@distillery/core';
import {
  createDataset,
  datasetStats,
  findDataset,
  listDatasets,
  openProjectStore,
  parseFilterExpression,
  parseSplitRatios,
  type Session,
  type SqliteSampleStore,
} from '@distillery/runtime';
import type { Command } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { datasetSummary, describeDataset, table } from '../dataset-summary';
import { styleFor } from '../style';

export interface DatasetCreateOptions {
  task: string;
  name: string;
  filter?: string;
  split?: string;
  seed?: string;
  json?: boolean;
}

async function withStore<T>(session: Session, fn: (store: SqliteSampleStore) => Promise<T>): Promise<T> {
  const store = await openProjectStore(session);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

function parseSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(seed)) {
    throw new InputError(`--seed must be a whole number, got "${value}".`, { advice: 'Use e.g. --seed 42.' });
  }
  return seed;
}

/** `distill dataset create`: freeze the task's matching samples into seeded train/val/test splits. */
export async function datasetCreateCommand(
  session: Session,
  options: DatasetCreateOptions,
  io: CliIO,
): Promise<void> {
  const filter =
    options.filter === undefined ? {} : parseFilterExpression(options.filter, { label: '--filter' });
  const split = options.split === undefined ? undefined : parseSplitRatios(options.split);
  const seed = parseSeed(options.seed);
  await withStore(session, async (store) => {
    const dataset = await createDataset(session, store, {
      taskId: options.task,
      name: options.name,
      filter,
      ...(split ? { split } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    const summary = datasetSummary(
      dataset,
      await datasetStats(store, dataset, { signal: session.ctx.signal }),
    );
    if (options.json) {
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const style = styleFor(io.stdout, io.env);
    io.stdout.write(`${style.green('Created')} a frozen snapshot of ${summary.counts.total} samples.\n\n`);
    io.stdout.write(describeDataset(summary, style));
  });
}

/** `distill dataset list`: every dataset with its counts. */
export async function datasetListCommand(
  session: Session,
  options: { json?: boolean },
  io: CliIO,
): Promise<void> {
  await withStore(session, async (store) => {
    const summaries = [];
    for (const dataset of await listDatasets(store)) {
      summaries.push(
        datasetSummary(dataset, await datasetStats(store, dataset, { signal: session.ctx.signal })),
      );
    }
    if (options.json) {
      io.stdout.write(`${JSON.stringify(summaries)}\n`);
      return;
    }
    const style = styleFor(io.stdout, io.env);
    if (summaries.length === 0) {
      io.stdout.write(
        `No datasets yet. ${style.dim('Create one: distill dataset create --task TASK --name NAME [--filter has-reasoning]')}\n`,
      );
      return;
    }
    const rows = table(
      [
        ['NAME', 'TASK', 'SAMPLES', 'REASONING', 'RATED 4+', 'SPLITS', 'FILTER'],
        ...summaries.map((s) => [
          s.name,
          s.taskId,
          String(s.counts.total),
          String(s.counts.withReasoning),
          String(s.counts.highRated),
          Object.entries(s.counts.splits)
            .map(([name, c]) => `${name} ${c.total}`)
            .join(' / '),
          s.filterExpression || 'all',
        ]),
      ],
      'llrrrll',
    );
    io.stdout.write(`${style.bold(rows[0]!)}\n${rows.slice(1).join('\n')}\n`);
  });
}

/** `distill dataset show NAME|ID`: one dataset's filter, seed and counts; --json adds the split ids. */
export async function datasetShowCommand(
  session: Session,
  nameOrId: string,
  options: { json?: boolean },
  io: CliIO,
): Promise<void> {
  await withStore(session, async (store) => {
    const dataset = await findDataset(store, nameOrId);
    const summary = datasetSummary(
      dataset,
      await datasetStats(store, dataset, { signal: session.ctx.signal }),
    );
    if (options.json) {
      io.stdout.write(`${JSON.stringify({ ...summary, splits: dataset.splits })}\n`);
      return;
    }
    io.stdout.write(describeDataset(summary, styleFor(io.stdout, io.env)));
  });
}

export const registerDatasetCommand: RegisterCommand = (program, { io, session }) => {
  const dataset = program
    .command('dataset')
    .description('frozen datasets: filtered samples split into train/val/test by a seed');
  dataset
    .command('create')
    .description('freeze the matching samples of a task into seeded splits')
    .requiredOption('--task <id>', 'the task whose samples to take')
    .requiredOption('--name <name>', 'a name unique in the project, e.g. gsm8k-r1-v1')
    .option(
      '--filter <expression>',
      'e.g. "has-reasoning and rating>=4 and tag:verified and not tag:bad and source=synthetic and model=deepseek-ai/DeepSeek-R1"',
    )
    .option('--split <ratios>', 'split names and ratios, in order (default train=0.8,val=0.1,test=0.1)')
    .option('--seed <n>', 'shuffle seed (default: a random one, stored with the dataset)')
    .option('--json', 'print one JSON object: the dataset and its counts')
    .action(async (options: DatasetCreateOptions, command: Command) =>
      datasetCreateCommand(await session(command), options, io),
    );
  dataset
    .command('list')
    .description('list the datasets with their counts')
    .option('--json', 'print one JSON array')
    .action(async (options: { json?: boolean }, command: Command) =>
      datasetListCommand(await session(command), options, io),
    );
  dataset
    .command('show')
    .description("show a dataset's filter, seed and counts per split and tag")
    .argument('<dataset>', 'name or id')
    .option('--json', 'print one JSON object, with the sample ids of every split')
    .action(async (nameOrId: string, options: { json?: boolean }, command: Command) =>
      datasetShowCommand(await session(command), nameOrId, options, io),
    );
};
