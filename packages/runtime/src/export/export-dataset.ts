import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  type DatasetSnapshot,
  InputError,
  type Prompt,
  PromptSchema,
  type ReasoningLayout,
  type TrainingStrategy,
  TrainingStrategySchema,
} from '@distillery/core';
import { hasReasoning } from '../dataset/dataset-stats';
import { findDataset } from '../dataset/find-dataset';
import { findTask } from '../project/find-task';
import type { Session } from '../session';
import type { SampleStore } from '../store/sample-store';
import type { ExportFormatId, FormatSkipReason } from './export-format';
import { freezeCall } from './freeze-call';
import { getExportFormat } from './get-export-format';
import { inlineLayoutFor } from './inline-layout-for';
import { openJsonlFileWriter } from './jsonl-file-writer';
import { MissingReasoningError } from './missing-reasoning-error';

export interface ExportDatasetOptions {
  /** A dataset snapshot, or its name or id. */
  dataset: DatasetSnapshot | string;
  /** Default `train`. */
  split?: string;
  strategy: TrainingStrategy;
  format: ExportFormatId;
  /** The JSONL file to write; relative paths resolve against the session's cwd. */
  out: string;
  /** The prompt the fine-tune will be called with; default the task's instruction and thinking instruction. */
  prompt?: Prompt;
  /** Samples read per store query. Default 200. */
  pageSize?: number;
  /**
   * r1 format: the student's reasoning parser; its family's inline markers replace `<think>`
   * (`[THINK]`, `◁think▷`, `<seed:think>` …) and it becomes the parser the fine-tune is called with.
   */
  parser?: string;
  /** r1 format: the student model (a fine-tune's base model), whose family picks the parser. */
  model?: string;
}

export type ExportSkipReason = FormatSkipReason | 'deleted';

export interface ExportResult {
  /** Absolute path of the file written. */
  file: string;
  dataset: { id: string; name: string; taskId: string };
  split: string;
  strategy: TrainingStrategy;
  format: ExportFormatId;
  /** JSONL lines written. */
  examples: number;
  /** Samples that gave at least one example. */
  samples: number;
  /** Samples of the split left out (see `skippedBy`). */
  skipped: number;
  skippedBy: Partial<Record<ExportSkipReason, number>>;
  /** Earlier assistant turns of multi-turn samples that could not become examples. */
  skippedTurns: number;
  /** Exported samples whose reasoning was cut off by the teacher's token limit. */
  truncatedReasoning: number;
  bytes: number;
  /** Frozen for the fine-tune record: call it with this prompt, flow and parser. */
  prompt: Prompt;
  flow: 'single' | 'cot' | 'reasoning';
  parser?: string;
  layout?: ReasoningLayout;
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${shown} (and ${ids.length - 10} more)` : shown;
}

/**
 * Writes one split of a frozen dataset as training JSONL for a strategy and a format. Samples
 * are read in pages and streamed to a temp file renamed into place at the end, so nothing is
 * written unless the whole export succeeds (an existing file is kept as it was).
 *
 * Under the reasoning strategy every exported sample must have reasoning; otherwise it fails
 * with a MissingReasoningError naming them. Returns the counts and the frozen prompt, call flow
 * and parser the fine-tune must be called with.
 */
export async function exportDataset(
  session: Session,
  store: SampleStore,
  options: ExportDatasetOptions,
): Promise<ExportResult> {
  const strategy = TrainingStrategySchema.safeParse(options.strategy);
  if (!strategy.success) {
    throw new InputError(`Unknown training strategy "${String(options.strategy)}".`, {
      advice: `Use one of ${TrainingStrategySchema.options.join(', ')}.`,
    });
  }
  const format = getExportFormat(options.format);
  const dataset =
    typeof options.dataset === 'string' ? await findDataset(store, options.dataset) : options.dataset;
  const split = options.split ?? 'train';
  const ids = dataset.splits[split];
  if (ids === undefined) {
    throw new InputError(`Dataset "${dataset.name}" has no split "${split}".`, {
      advice: `Its splits: ${Object.keys(dataset.splits).join(', ')}.`,
    });
  }
  if (ids.length === 0) {
    throw new InputError(`Split "${split}" of dataset "${dataset.name}" is empty.`, {
      advice: 'Export another split, or create a dataset with a larger ratio for this one.',
    });
  }
  let base: Prompt;
  if (options.prompt) {
    const parsed = PromptSchema.safeParse(options.prompt);
    if (!parsed.success) {
      throw new InputError(`Invalid prompt: ${parsed.error.issues[0]!.message}.`);
    }
    base = parsed.data;
  } else {
    const task = findTask(session, dataset.taskId);
    base = {
      system: task.instruction,
      ...(task.thinkingInstruction ? { thinkingInstruction: task.thinkingInstruction } : {}),
    };
  }
  const call = freezeCall(base, strategy.data, format);
  const inline = await inlineLayoutFor(session, format, {
    ...(options.parser !== undefined ? { parser: options.parser } : {}),
    ...(options.model !== undefined ? { model: options.model } : {}),
  });
  if (inline && strategy.data === 'reasoning') call.parser = inline.parser;
  const file = path.resolve(session.ctx.cwd, options.out);
  const existing = await stat(file).catch(() => undefined);
  if (existing?.isDirectory()) {
    throw new InputError(`${options.out} is a folder.`, { advice: 'Give a file name, e.g. train.jsonl.' });
  }

  const pageSize = options.pageSize ?? 200;
  const skippedBy: Partial<Record<ExportSkipReason, number>> = {};
  const skip = (reason: ExportSkipReason, n = 1) => {
    skippedBy[reason] = (skippedBy[reason] ?? 0) + n;
  };
  const withoutReasoning: string[] = [];
  let samples = 0;
  let skippedTurns = 0;
  let truncatedReasoning = 0;
  const writer = await openJsonlFileWriter(file);
  try {
    for (let at = 0; at < ids.length; at += pageSize) {
      session.ctx.signal?.throwIfAborted();
      const page = ids.slice(at, at + pageSize);
      const found = await store.getMany(page);
      if (found.length < page.length) skip('deleted', page.length - found.length);
      for (const sample of found) {
        const reason = format.skip?.(sample);
        if (reason !== undefined) {
          skip(reason);
          continue;
        }
        if (strategy.data === 'reasoning') {
          if (!hasReasoning(sample)) {
            withoutReasoning.push(sample.id);
            continue;
          }
          if (sample.reasoning?.truncated) truncatedReasoning++;
        }
        if (withoutReasoning.length > 0) continue; // keep scanning to name them all; write no more
        const out = format.records(sample, {
          strategy: strategy.data,
          system: call.system,
          thinkingInstruction: call.thinkingInstruction,
          ...(inline ? { inline: inline.layout } : {}),
        });
        for (const record of out.records) await writer.write(record);
        skippedTurns += out.skippedTurns;
        samples++;
      }
    }
    if (withoutReasoning.length > 0) {
      throw new MissingReasoningError(
        `Cannot export split "${split}" of dataset "${dataset.name}" with the reasoning strategy: ${withoutReasoning.length} sample${withoutReasoning.length === 1 ? ' has' : 's have'} no reasoning: ${listIds(withoutReasoning)}.`,
        {
          sampleIds: withoutReasoning,
          advice:
            'A reasoning model must be trained on reasoning: create a dataset with --filter has-reasoning, or export with --strategy final-only.',
        },
      );
    }
    if (samples === 0) {
      throw new InputError(
        skippedBy['no-rejected']
          ? `No sample in split "${split}" of dataset "${dataset.name}" has a rejected output, so there is no preference pair to write.`
          : `No sample of split "${split}" of dataset "${dataset.name}" is left in the store.`,
        {
          advice: skippedBy['no-rejected']
            ? 'Import preference data (e.g. Together preference JSONL) or export with a non-preference format.'
            : 'Its samples were deleted; create a new dataset.',
        },
      );
    }
    const { bytes, lines } = await writer.commit();
    const skipped = Object.values(skippedBy).reduce((a, b) => a + (b ?? 0), 0);
    return {
      file,
      dataset: { id: dataset.id, name: dataset.name, taskId: dataset.taskId },
      split,
      strategy: strategy.data,
      format: format.id,
      examples: lines,
      samples,
      skipped,
      skippedBy,
      skippedTurns,
      truncatedReasoning,
      bytes,
      prompt: call.prompt,
      flow: call.flow,
      ...(call.parser ? { parser: call.parser } : {}),
      ...(call.layout ? { layout: call.layout } : {}),
    };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
