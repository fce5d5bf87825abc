import type { ModelProvider } from '@distillery/core';
import type { GenerationTarget } from './generation-target';

/** One input to generate: what to send, under which run config, and the key its sample is stored with. */
export interface WorkItem {
  input: string;
  /** The generation dedupe key the sample is stored under. */
  key: string;
  jobId: string;
  target: GenerationTarget;
  /** The provider to call through (the run config's, possibly rate-limited). */
  provider: ModelProvider;
  /** The failure record this item retries. */
  failureId?: string;
}

/**
 * The items of a run, built one at a time when asked for: a generation over N inputs keeps only
 * its N input strings (and an index per input left to do), not N work items with their keys, so
 * the live heap, and with it the heap V8 reserves, does not grow with several objects per input.
 */
export interface WorkList {
  readonly length: number;
  item(index: number): WorkItem;
}

export const EMPTY_WORK: WorkList = {
  length: 0,
  item: (index) => {
    throw new RangeError(`No work item ${index}`);
  },
};

export function workListOf(items: readonly WorkItem[]): WorkList {
  return { length: items.length, item: (index) => items[index]! };
}

/** The items of `list` at `indices`, in that order. */
export function pickWork(list: WorkList, indices: readonly number[]): WorkList {
  return { length: indices.length, item: (index) => list.item(indices[index]!) };
}

/**
 * The inputs of a generation as a work list: duplicates dropped (their first occurrence kept),
 * the key computed when an item is built. With `allowDuplicates` every position is its own key.
 */
export function inputWork(
  inputs: readonly string[],
  make: (input: string, index: number) => WorkItem,
  allowDuplicates: boolean,
): WorkList {
  let positions: number[] | undefined;
  if (!allowDuplicates) {
    // Within one generation the key depends on the input alone: dedupe on the strings we hold.
    const seen = new Set<string>();
    for (const [index, input] of inputs.entries()) {
      if (seen.has(input)) {
        positions ??= Array.from({ length: index }, (_, i) => i);
        continue;
      }
      seen.add(input);
      positions?.push(index);
    }
  }
  const at = positions;
  return {
    length: at?.length ?? inputs.length,
    item: (index) => {
      const position = at ? at[index]! : index;
      return make(inputs[position]!, position);
    },
  };
}
