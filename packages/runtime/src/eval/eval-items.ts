import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError, type ScoreItemV1, type Task } from '@distillery/core';
import { findDataset } from '../dataset/find-dataset';
import type { SampleStore } from '../store/sample-store';

/** Where an eval's items come from. */
export type EvalItemsSource =
  /** A frozen split of a dataset; its samples' answers are the references. */
  | { type: 'split'; dataset: string; split: string }
  /**
   * A JSONL file: `{"input", "reference"}` per line (optionally `"rating"`, a person's 1-5 rating
   * of the reference, for judge calibration), or GSM8K's `{"question", "answer"}`.
   */
  | { type: 'file'; file: string };

export interface EvalItems {
  items: ScoreItemV1[];
  /** The dataset id, for splits (the leakage guard compares it with a fine-tune's). */
  datasetId?: string;
  /** A readable description, e.g. `gsm8k-v1/test` or `eval.jsonl`. */
  label: string;
}

async function fromFile(file: string, cwd: string): Promise<EvalItems> {
  const text = await readFile(path.resolve(cwd, file), 'utf8');
  const items: ScoreItemV1[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const where = `${file}:${index + 1}`;
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw new InputError(`${where} is not valid JSON (${(error as Error).message}).`, {
        advice: 'Each line must be one JSON object: {"input": "...", "reference": "..."}.',
      });
    }
    const input = record.input ?? record.question;
    const reference = record.reference ?? record.answer;
    if (typeof input !== 'string' || input.trim() === '') {
      throw new InputError(`${where} has no "input" (or "question") string.`, {
        advice: 'Each line must be one JSON object: {"input": "...", "reference": "..."}.',
      });
    }
    if (reference !== undefined && reference !== null && typeof reference !== 'string') {
      throw new InputError(`${where}: "reference" must be a string.`, {
        advice: 'Put the expected answer as text; structured references go in "reference" as JSON text.',
      });
    }
    const rating = record.rating ?? null;
    if (
      rating !== null &&
      (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5)
    ) {
      throw new InputError(
        `${where}: "rating" must be a whole number from 1 to 5, got ${JSON.stringify(rating)}.`,
        {
          advice:
            'Give a person\'s 1-5 rating of the reference answer (for judge calibration), or leave "rating" out.',
        },
      );
    }
    items.push({
      id: `line-${index + 1}`,
      input,
      reference: typeof reference === 'string' ? { content: reference } : null,
      humanRating: typeof rating === 'number' ? rating : null,
    });
  }
  if (items.length === 0)
    throw new InputError(`${file} has no items.`, { advice: 'Add one JSON object per line.' });
  return { items, label: file };
}

/** Freezes an eval's items: the samples of a dataset split (in the split's order) or the lines of a file. */
export async function readEvalItems(
  store: SampleStore,
  task: Task,
  source: EvalItemsSource,
  cwd: string,
): Promise<EvalItems> {
  if (source.type === 'file') return fromFile(source.file, cwd);
  const dataset = await findDataset(store, source.dataset);
  if (dataset.taskId !== task.id) {
    throw new InputError(`Dataset "${dataset.name}" belongs to task "${dataset.taskId}", not "${task.id}".`, {
      advice: `Pass --task ${dataset.taskId}, or a dataset of task ${task.id}.`,
    });
  }
  const ids = dataset.splits[source.split];
  if (!ids || ids.length === 0) {
    const splits = Object.entries(dataset.splits).map(([name, list]) => `${name} (${list.length})`);
    throw new InputError(
      `Dataset "${dataset.name}" has no ${ids ? 'samples in split' : 'split'} "${source.split}".`,
      {
        advice: `Its splits: ${splits.join(', ')}. Pick one with --split NAME.`,
      },
    );
  }
  const samples = await store.getMany(ids);
  return {
    datasetId: dataset.id,
    label: `${dataset.name}/${source.split}`,
    items: samples.map((sample) => ({
      id: sample.id,
      input: sample.input,
      reference: {
        content: sample.output.content,
        ...(sample.output.structured !== undefined ? { structured: sample.output.structured } : {}),
        reasoning: sample.reasoning?.text ?? null,
      },
      humanRating: sample.rating ?? null,
    })),
  };
}
