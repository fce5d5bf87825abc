import { InputError } from '@distillery/core';

export const DEFAULT_SPLIT_RATIOS: Readonly<Record<string, number>> = Object.freeze({
  train: 0.8,
  val: 0.1,
  test: 0.1,
});

const SPLIT_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Checks split ratios: names like `train`, each ratio between 0 and 1, adding up to 1. */
export function checkSplitRatios(ratios: Readonly<Record<string, number>>, label = 'split'): void {
  const names = Object.keys(ratios);
  if (names.length === 0) {
    throw new InputError(`The ${label} names no splits.`, { advice: 'Use e.g. train=0.8,val=0.1,test=0.1.' });
  }
  for (const name of names) {
    const ratio = ratios[name]!;
    if (!SPLIT_NAME.test(name)) {
      throw new InputError(`Invalid split name "${name}" in the ${label}.`, {
        advice: 'Split names start with a letter and use letters, digits, "_" and "-".',
      });
    }
    if (typeof ratio !== 'number' || !Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new InputError(`Split "${name}" has ratio ${String(ratio)}; ratios are between 0 and 1.`, {
        advice: 'Use e.g. train=0.8,val=0.1,test=0.1.',
      });
    }
  }
  const sum = names.reduce((a, name) => a + ratios[name]!, 0);
  if (Math.abs(sum - 1) > 1e-6) {
    throw new InputError(`The ${label} ratios add up to ${Number(sum.toFixed(6))}, not 1.`, {
      advice: 'Make them add up to 1, e.g. train=0.8,val=0.1,test=0.1.',
    });
  }
}

/** Parses `train=0.8,val=0.1,test=0.1` (order kept: it is the order splits are cut in). */
export function parseSplitRatios(text: string, label = '--split'): Record<string, number> {
  const ratios: Record<string, number> = {};
  for (const part of text.split(',')) {
    const piece = part.trim();
    const match = /^([^=\s]+)\s*=\s*(\S+)$/.exec(piece);
    if (!match) {
      throw new InputError(`Cannot read "${piece}" in ${label}: expected NAME=RATIO.`, {
        advice: 'Use e.g. --split train=0.8,val=0.1,test=0.1.',
      });
    }
    const [, name, raw] = match;
    if (Object.hasOwn(ratios, name!)) {
      throw new InputError(`Split "${name}" is named twice in ${label}.`);
    }
    const ratio = Number(raw);
    if (raw!.trim() === '' || !Number.isFinite(ratio)) {
      throw new InputError(`Split "${name}" in ${label} has ratio "${raw}", which is not a number.`, {
        advice: 'Use e.g. --split train=0.8,val=0.1,test=0.1.',
      });
    }
    ratios[name!] = ratio;
  }
  checkSplitRatios(ratios, label);
  return ratios;
}
