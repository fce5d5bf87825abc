import { InputError, UserError } from '@distillery/core';
import {
  type GenerateSamplesOptions,
  type GenerationSourceInput,
  generateSamples,
  openProjectStore,
  type Session,
} from '@distillery/runtime';
import type { Command } from 'commander';
import type { CliIO } from '../cli-io';
import type { RegisterCommand } from '../command-context';
import { EXIT_INTERRUPTED } from '../error-boundary';
import { createProgressDisplay, formatGenerationSummary } from '../generation-display';
import { generationShortfall } from '../generation-outcome';
import { parseNumberFlag } from '../parse-number-flag';
import { progressStream } from '../progress-stream';
import { refuseRateLimitsWithBatch } from '../refuse-rate-limits-with-batch';
import { styleFor } from '../style';

export interface GenerateCommandOptions {
  task: string;
  runConfig?: string;
  inputs?: string;
  topics?: string;
  perTopic?: string;
  subtopics?: string;
  topicRunConfig?: string;
  guidance?: string;
  count?: string;
  concurrency?: string;
  rpm?: string;
  tpm?: string;
  maxCost?: string;
  resume?: boolean;
  retryFailed?: boolean;
  allowDuplicates?: boolean;
  tag?: string[];
  stream?: boolean;
  batch?: boolean;
  dryRun?: boolean;
  pollInterval?: string;
  maxEnqueuedTokens?: string;
  json?: boolean;
}

function source(options: GenerateCommandOptions): GenerationSourceInput | undefined {
  const topicFlags = options.topics ?? options.perTopic ?? options.subtopics;
  if (options.inputs !== undefined && topicFlags !== undefined) {
    throw new InputError('Give either --inputs or --topics/--per-topic, not both.');
  }
  if (options.retryFailed && (options.inputs !== undefined || topicFlags !== undefined)) {
    throw new InputError('--retry-failed generates the recorded failures; it takes no --inputs or --topics.');
  }
  if (options.inputs !== undefined) return { type: 'file', file: options.inputs };
  if (topicFlags === undefined) return undefined;
  const topics = parseNumberFlag('--topics', options.topics, { integer: true });
  const perTopic = parseNumberFlag('--per-topic', options.perTopic, { integer: true });
  if (topics === undefined || perTopic === undefined) {
    throw new InputError('A topic tree needs both --topics N and --per-topic K.', {
      advice: 'e.g. --topics 10 --per-topic 20 (add --subtopics M for a deeper tree).',
    });
  }
  return {
    type: 'topics',
    topics,
    perTopic,
    subtopics: parseNumberFlag('--subtopics', options.subtopics, { integer: true, min: 0 }) ?? 0,
    ...(options.topicRunConfig ? { runConfig: options.topicRunConfig } : {}),
    ...(options.guidance ? { guidance: options.guidance } : {}),
  };
}

/** `distill generate`: a teacher answers many inputs; every completed sample is stored at once. */
export async function generateCommand(
  session: Session,
  options: GenerateCommandOptions,
  io: CliIO,
): Promise<void> {
  const from = source(options);
  if (from === undefined && !options.resume && !options.retryFailed) {
    throw new InputError('Nothing to generate from.', {
      advice:
        'Pass --inputs FILE, or --topics N --per-topic K, or --resume to continue the last generation, or --retry-failed.',
    });
  }
  const count = parseNumberFlag('--count', options.count, { integer: true });
  const concurrency = parseNumberFlag('--concurrency', options.concurrency, {
    integer: true,
    min: 1,
    max: 1024,
  });
  const rpm = parseNumberFlag('--rpm', options.rpm);
  const tpm = parseNumberFlag('--tpm', options.tpm);
  const maxCost = parseNumberFlag('--max-cost', options.maxCost);
  const request: GenerateSamplesOptions = {
    taskId: options.task,
    ...(options.runConfig ? { runConfig: options.runConfig } : {}),
    ...(from ? { source: from } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(rpm !== undefined ? { requestsPerMinute: rpm } : {}),
    ...(tpm !== undefined ? { tokensPerMinute: tpm } : {}),
    ...(maxCost !== undefined ? { maxCostUsd: maxCost } : {}),
    ...(options.resume ? { resume: true } : {}),
    ...(options.retryFailed ? { retryFailed: true } : {}),
    ...(options.allowDuplicates ? { allowDuplicates: true } : {}),
    ...(options.tag?.length ? { tags: options.tag } : {}),
    ...(options.stream === false ? { stream: false } : {}),
  };
  if (options.batch) {
    const pollSeconds = parseNumberFlag('--poll-interval', options.pollInterval);
    const enqueued = parseNumberFlag('--max-enqueued-tokens', options.maxEnqueuedTokens, {
      integer: true,
      min: 1,
    });
    refuseRateLimitsWithBatch(options);
    const { generateBatchCommand } = await import('./generate-batch');
    return generateBatchCommand(
      session,
      { ...request, ...(enqueued !== undefined ? { maxEnqueuedTokens: enqueued } : {}) },
      {
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(pollSeconds !== undefined ? { pollIntervalMs: pollSeconds * 1000 } : {}),
        ...(options.json ? { json: true } : {}),
      },
      io,
    );
  }
  if (options.dryRun || options.pollInterval !== undefined || options.maxEnqueuedTokens !== undefined) {
    const flag = options.dryRun
      ? '--dry-run'
      : options.pollInterval !== undefined
        ? '--poll-interval'
        : '--max-enqueued-tokens';
    throw new InputError(`${flag} goes with --batch.`, {
      advice: "Add --batch to plan or run the generation through the provider's batch API.",
    });
  }
  const out = progressStream(io, options.json);
  const display = createProgressDisplay(out);
  const store = await openProjectStore(session);
  let summary: Awaited<ReturnType<typeof generateSamples>>;
  try {
    summary = await generateSamples(session, store, request, {
      onProgress: (p) => display.update(p),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } finally {
    display.end();
    await store.close();
  }
  if (options.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
  else io.stdout.write(formatGenerationSummary(summary, styleFor(io.stdout, io.env)));
  if (summary.stopReason === 'interrupted') {
    throw new UserError(
      'Interrupted; completed samples are stored. Run the same command again to continue.',
      {
        exitCode: EXIT_INTERRUPTED,
      },
    );
  }
  const shortfall = generationShortfall(summary);
  if (shortfall) throw shortfall;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export const registerGenerateCommand: RegisterCommand = (program, { io, session }) => {
  program
    .command('generate')
    .description('generate samples: a teacher run config answers inputs from a file or a topic tree')
    .requiredOption('--task <id>', 'the task to generate samples for')
    .option('--run-config <name>', "the task's run config that answers (default: its first)")
    .option('--inputs <file>', 'inputs: JSONL (strings or {"input": ...}) or plain text, one per line')
    .option('--topics <n>', 'let the model write a topic tree with N topics ...')
    .option('--per-topic <k>', '... and K inputs per topic (or per subtopic)')
    .option('--subtopics <m>', 'M subtopics under each topic (default 0)')
    .option('--topic-run-config <name>', 'run config that writes the topic tree (default: --run-config)')
    .option('--guidance <text>', 'extra instructions for writing topics and inputs')
    .option('--count <n>', 'stop once this generation has N samples (earlier interrupted runs count)')
    .option('--concurrency <n>', 'samples generated at once (default 8)')
    .option('--rpm <n>', 'model requests per minute at most')
    .option('--tpm <n>', 'tokens per minute at most (estimated before each request, corrected after)')
    .option('--max-cost <usd>', 'stop launching before the run spends more than this many US dollars')
    .option('--resume', 'continue the last unfinished generation of the task (re-running it does too)')
    .option('--retry-failed', 'generate the inputs that failed before')
    .option('--allow-duplicates', 'generate an input again even if this run config already answered it')
    .option('--tag <tag>', 'tag every new sample (repeatable)', collect)
    .option('--no-stream', "use the providers' non-streaming APIs")
    .option('--batch', "send the requests through the provider's batch API (cheaper, answers within 24 h)")
    .option('--dry-run', 'with --batch: show the requests, batches and price without sending anything')
    .option(
      '--poll-interval <seconds>',
      'with --batch: how often to ask the provider about its batches (default 30)',
    )
    .option(
      '--max-enqueued-tokens <n>',
      "with --batch: prompt tokens the model's open batches may hold at once (the provider's enqueued-token quota)",
    )
    .option('--json', 'print one JSON summary object')
    .action(async (options: GenerateCommandOptions, command: Command) =>
      generateCommand(await session(command), options, io),
    );
};
