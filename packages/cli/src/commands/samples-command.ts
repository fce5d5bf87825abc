import { InputError, type Sample, type SampleFilter, UserError } from '@distillery/core';
import {
  openProjectStore,
  type SampleQuery,
  type Session,
  type SqliteSampleStore,
} from '@distillery/runtime';
import { type Command, Option } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { formatCost, formatTokens } from '../generation-display';
import { parseNumberFlag } from '../parse-number-flag';
import { sideBySide, stacked } from '../side-by-side';
import { styleFor } from '../style';

export interface SamplesFilterOptions {
  task?: string;
  hasReasoning?: boolean;
  withoutReasoning?: boolean;
  tag?: string[];
  minRating?: string;
  source?: 'synthetic' | 'human' | 'import';
  model?: string;
  search?: string;
}

export interface SamplesListOptions extends SamplesFilterOptions {
  limit?: string;
  cursor?: string;
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

/** The store query the filter flags describe. */
export function samplesQuery(options: SamplesListOptions): SampleQuery {
  if (options.hasReasoning && options.withoutReasoning) {
    throw new InputError('Give --has-reasoning or --without-reasoning, not both.');
  }
  const minRating = parseNumberFlag('--min-rating', options.minRating, { integer: true, min: 1, max: 5 });
  const filter: SampleFilter = {
    ...(options.hasReasoning ? { hasReasoning: true } : {}),
    ...(options.withoutReasoning ? { hasReasoning: false } : {}),
    ...(options.tag?.length ? { tags: options.tag } : {}),
    ...(minRating !== undefined ? { minRating } : {}),
    ...(options.source ? { source: options.source } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.search ? { text: options.search } : {}),
  };
  const limit = parseNumberFlag('--limit', options.limit, { integer: true, min: 1, max: 10_000 });
  return {
    ...(options.task ? { taskId: options.task } : {}),
    filter,
    ...(limit !== undefined ? { limit } : { limit: 20 }),
    ...(options.cursor ? { cursor: options.cursor } : {}),
  };
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

function sourceLabel(sample: Sample): string {
  if (sample.source.type === 'synthetic') return `synthetic ${sample.source.runConfig.model}`;
  if (sample.source.type === 'import') return `import ${sample.source.format}`;
  return 'human';
}

/** `distill samples list`: one line per sample, newest first, with a cursor for the next page. */
export async function samplesListCommand(
  session: Session,
  options: SamplesListOptions,
  io: CliIO,
): Promise<void> {
  const query = samplesQuery(options);
  const { page, total } = await withStore(session, async (store) => ({
    page: await store.query(query),
    total: await store.count({
      ...(query.taskId ? { taskId: query.taskId } : {}),
      ...(query.filter ? { filter: query.filter } : {}),
    }),
  }));
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ total, samples: page.samples, nextCursor: page.nextCursor })}\n`);
    return;
  }
  const style = styleFor(io.stdout, io.env);
  for (const s of page.samples) {
    const marks = [
      s.reasoning ? style.cyan(`R${s.reasoning.truncated ? '…' : ''}`) : style.dim('-'),
      s.rating === null ? style.dim('☆') : style.yellow(`${s.rating}★`),
    ].join(' ');
    io.stdout.write(
      `${s.id}  ${s.taskId}  ${marks}  ${style.dim(sourceLabel(s))}  ${oneLine(s.input, 50)}${s.tags.length ? `  ${style.dim(`[${s.tags.join(', ')}]`)}` : ''}\n`,
    );
  }
  io.stdout.write(
    style.dim(
      `${page.samples.length} of ${total} matching sample${total === 1 ? '' : 's'}${page.nextCursor ? ` · next page: --cursor ${page.nextCursor}` : ''}\n`,
    ),
  );
}

async function getSample(store: SqliteSampleStore, id: string): Promise<Sample> {
  const sample = await store.get(id);
  if (!sample) {
    throw new InputError(`No sample with id "${id}".`, {
      advice: 'List ids with `distill samples list` (add --json for full records).',
    });
  }
  return sample;
}

export interface SamplesShowOptions {
  json?: boolean;
  layout?: 'auto' | 'side-by-side' | 'stacked';
}

function terminalWidth(io: CliIO): number {
  const columns = (io.stdout as { columns?: number }).columns ?? Number(io.env.COLUMNS);
  return Number.isFinite(columns) && columns > 0 ? columns : 80;
}

/** `distill samples show ID`: reasoning and answer side by side, then provenance, usage and cost. */
export async function samplesShowCommand(
  session: Session,
  id: string,
  options: SamplesShowOptions,
  io: CliIO,
): Promise<void> {
  const sample = await withStore(session, (store) => getSample(store, id));
  if (options.json) {
    io.stdout.write(`${JSON.stringify(sample)}\n`);
    return;
  }
  const style = styleFor(io.stdout, io.env);
  const width = terminalWidth(io);
  const layout = options.layout ?? 'auto';
  const wide = layout === 'side-by-side' || (layout === 'auto' && io.stdout.isTTY === true && width >= 80);
  const reasoningTitle = sample.reasoning
    ? `Reasoning (${sample.reasoning.origin}${sample.reasoning.truncated ? ', cut off' : ''})`
    : 'Reasoning';
  const reasoning = { title: reasoningTitle, text: sample.reasoning?.text ?? '(none)' };
  const answer = { title: 'Answer', text: sample.output.content };
  const out: string[] = [
    `${style.bold('Sample')} ${sample.id}  ${style.dim(`task ${sample.taskId} · ${sample.createdAt}`)}`,
    '',
    style.bold('Input'),
    sample.input,
    '',
    wide ? sideBySide(reasoning, answer, width) : stacked(reasoning, answer, width),
    '',
  ];
  const source = sample.source;
  if (source.type === 'synthetic') {
    const rc = source.runConfig;
    out.push(
      `${style.dim('source')}   synthetic · run config ${rc.name} · ${rc.provider}/${rc.model} · ${rc.flow} flow${rc.parser ? ` · parser ${rc.parser}` : ''}`,
    );
  } else if (source.type === 'import') {
    out.push(
      `${style.dim('source')}   import · ${source.file}${source.line ? `:${source.line}` : ''} · ${source.format}`,
    );
  } else {
    out.push(`${style.dim('source')}   human${source.author ? ` · ${source.author}` : ''}`);
  }
  if (sample.usage) {
    const u = sample.usage;
    out.push(
      `${style.dim('usage')}    ${formatTokens(u.inputTokens)} in · ${formatTokens(u.outputTokens)} out${u.reasoningTokens !== undefined ? ` (${formatTokens(u.reasoningTokens)} reasoning)` : ''}`,
    );
  }
  if (sample.costUsd !== undefined) out.push(`${style.dim('cost')}     ${formatCost(sample.costUsd)}`);
  if (sample.latencyMs !== undefined || sample.finishReason) {
    out.push(
      `${style.dim('call')}     ${sample.latencyMs !== undefined ? `${sample.latencyMs} ms` : ''}${sample.finishReason ? ` · finish ${sample.finishReason}` : ''}`,
    );
  }
  out.push(`${style.dim('tags')}     ${sample.tags.length ? sample.tags.join(', ') : '(none)'}`);
  out.push(`${style.dim('rating')}   ${sample.rating === null ? 'unrated' : `${sample.rating}/5`}`);
  io.stdout.write(`${out.join('\n')}\n`);
}

export async function samplesTagCommand(
  session: Session,
  id: string,
  tags: string[],
  options: { remove?: boolean; json?: boolean },
  io: CliIO,
): Promise<void> {
  const bad = tags.filter((tag) => tag === '' || /\s/.test(tag));
  if (bad.length > 0) {
    throw new InputError(
      `Invalid tag ${bad.map((t) => JSON.stringify(t)).join(', ')}: tags cannot be empty or contain spaces.`,
      {
        advice: 'Use underscores or dashes instead of spaces.',
      },
    );
  }
  const updated = await withStore(session, async (store) => {
    const sample = await getSample(store, id);
    const next = options.remove
      ? sample.tags.filter((t) => !tags.includes(t))
      : [...new Set([...sample.tags, ...tags])];
    return (await store.update(id, { tags: next }))!;
  });
  if (options.json) io.stdout.write(`${JSON.stringify({ id, tags: updated.tags })}\n`);
  else io.stdout.write(`${id}: ${updated.tags.length ? updated.tags.join(', ') : '(no tags)'}\n`);
}

export async function samplesRateCommand(
  session: Session,
  id: string,
  rating: string,
  options: { json?: boolean },
  io: CliIO,
): Promise<void> {
  const value =
    rating === 'none' ? null : parseNumberFlag('rating', rating, { integer: true, min: 1, max: 5 })!;
  const updated = await withStore(session, async (store) => {
    await getSample(store, id);
    return (await store.update(id, { rating: value }))!;
  });
  if (options.json) io.stdout.write(`${JSON.stringify({ id, rating: updated.rating })}\n`);
  else io.stdout.write(`${id}: ${updated.rating === null ? 'unrated' : `${updated.rating}/5`}\n`);
}

export async function samplesDeleteCommand(
  session: Session,
  ids: string[],
  options: { json?: boolean },
  io: CliIO,
): Promise<void> {
  const missing: string[] = [];
  const deleted: string[] = [];
  await withStore(session, async (store) => {
    for (const id of ids) ((await store.delete(id)) ? deleted : missing).push(id);
  });
  if (options.json) {
    io.stdout.write(`${JSON.stringify({ deleted, missing })}\n`);
  } else {
    io.stdout.write(`Deleted ${deleted.length} sample${deleted.length === 1 ? '' : 's'}.\n`);
  }
  if (missing.length > 0) {
    throw new UserError(`No sample with id ${missing.map((m) => `"${m}"`).join(', ')}.`, {
      exitCode: 2,
      advice: 'Nothing else was affected; check the ids with `distill samples list`.',
    });
  }
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerSamplesCommand: RegisterCommand = (program, { io, session }) => {
  const samples = program.command('samples').description('list, show, tag, rate and delete stored samples');
  samples
    .command('list')
    .description('list samples, newest first, with the store filters')
    .option('--task <id>', 'only this task')
    .option('--has-reasoning', 'only samples with reasoning')
    .option('--without-reasoning', 'only samples without reasoning')
    .option('--tag <tag>', 'only samples with this tag (repeatable: all of them)', collect)
    .option('--min-rating <n>', 'only samples rated at least N (1-5)')
    .addOption(new Option('--source <type>', 'only this source').choices(['synthetic', 'human', 'import']))
    .option('--model <model>', 'only samples generated by this teacher model')
    .option('--search <text>', 'full-text search over input, answer and reasoning')
    .option('--limit <n>', 'page size (default 20)')
    .option('--cursor <cursor>', 'the next-page cursor a previous list printed')
    .option('--json', 'print {total, samples, nextCursor}')
    .action(async (options: SamplesListOptions, command: Command) =>
      samplesListCommand(await session(command), options, io),
    );
  samples
    .command('show')
    .description('show one sample: reasoning and answer side by side, provenance, usage, cost')
    .argument('<id>', 'sample id')
    .addOption(
      new Option('--layout <layout>', 'side-by-side needs 80 columns (auto: on a wide terminal)')
        .choices(['auto', 'side-by-side', 'stacked'])
        .default('auto'),
    )
    .option('--json', 'print the sample as JSON')
    .action(async (id: string, options: SamplesShowOptions, command: Command) =>
      samplesShowCommand(await session(command), id, options, io),
    );
  samples
    .command('tag')
    .description('add tags to a sample (or remove them with --remove)')
    .argument('<id>', 'sample id')
    .argument('<tags...>', 'tags (no spaces)')
    .option('--remove', 'remove these tags instead')
    .option('--json', 'print {id, tags}')
    .action(
      async (id: string, tags: string[], options: { remove?: boolean; json?: boolean }, command: Command) =>
        samplesTagCommand(await session(command), id, tags, options, io),
    );
  samples
    .command('rate')
    .description('rate a sample 1 to 5 stars (none clears it)')
    .argument('<id>', 'sample id')
    .argument('<rating>', '1-5, or none')
    .option('--json', 'print {id, rating}')
    .action(async (id: string, rating: string, options: { json?: boolean }, command: Command) =>
      samplesRateCommand(await session(command), id, rating, options, io),
    );
  samples
    .command('delete')
    .description('delete samples')
    .argument('<ids...>', 'sample ids')
    .option('--json', 'print {deleted, missing}')
    .action(async (ids: string[], options: { json?: boolean }, command: Command) =>
      samplesDeleteCommand(await session(command), ids, options, io),
    );
};
