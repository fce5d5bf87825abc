import { deepseekR1 } from '@distillery/parser-deepseek';
import { indexOfStreamed } from './index-of-streamed.ts';
import { measure, megabytesPerSecond } from './measure.ts';
import { chunkText, r1Corpus } from './r1-corpus.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const END = '</think>';

/** The least any splitter must do: find `</think>` once and slice around it. */
function indexOfSplit(text: string): number {
  const i = text.indexOf(END);
  const reasoning = i < 0 ? text : text.slice(0, i);
  const content = i < 0 ? '' : text.slice(i + END.length);
  return reasoning.length + content.length;
}

function parse(chunks: readonly string[]): number {
  const parser = deepseekR1.create();
  let length = 0;
  for (const chunk of chunks) {
    for (const event of parser.push(chunk))
      if (event.type !== 'reasoning-start' && event.type !== 'reasoning-end') length += event.text.length;
  }
  for (const event of parser.finish())
    if (event.type === 'reasoning-delta' || event.type === 'content-delta') length += event.text.length;
  return length;
}

const suite: BenchSuite = {
  name: 'parser',
  async run() {
    const size = 4e6; // UTF-16 code units of generated R1 output
    const text = r1Corpus(size);
    const chunks16 = chunkText(text, 16, 16);
    const chunksTiny = chunkText(text, 1, 3);
    const expected = text.length - END.length;
    if (parse([text]) !== expected || parse(chunks16) !== expected || parse(chunksTiny) !== expected) {
      throw new Error('parser output does not add up to the input less the end marker');
    }
    if (indexOfStreamed(chunksTiny, END) !== text.indexOf(END)) throw new Error('streamed baseline is wrong');

    const details = { chars: text.length };
    const rows: BenchResult[] = [];
    const baseline = measure(() => indexOfSplit(text), { minRuns: 20 });
    const baselineMBs = megabytesPerSecond(text.length, baseline.medianMs);
    rows.push({
      name: 'indexOf + slice (baseline)',
      value: baselineMBs,
      unit: 'MB/s',
      details: { ...details, runs: baseline.runs },
    });

    const add = (
      name: string,
      fn: () => number,
      baseName: string,
      baseValue: number,
      extra: Record<string, number>,
    ) => {
      const m = measure(fn);
      const value = megabytesPerSecond(text.length, m.medianMs);
      rows.push({
        name,
        value,
        unit: 'MB/s',
        baseline: baseName,
        ratio: value / baseValue,
        details: { ...details, ...extra, runs: m.runs },
      });
    };
    add('deepseek-r1 whole text', () => parse([text]), 'indexOf + slice (baseline)', baselineMBs, {
      chunks: 1,
    });
    add(
      'deepseek-r1 streamed, 16-char chunks',
      () => parse(chunks16),
      'indexOf + slice (baseline)',
      baselineMBs,
      {
        chunks: chunks16.length,
      },
    );
    add(
      'deepseek-r1 streamed, 1-3-char chunks',
      () => parse(chunksTiny),
      'indexOf + slice (baseline)',
      baselineMBs,
      {
        chunks: chunksTiny.length,
      },
    );

    const streamedBase = measure(() => indexOfStreamed(chunksTiny, END));
    const streamedBaseMBs = megabytesPerSecond(text.length, streamedBase.medianMs);
    rows.push({
      name: 'indexOf per 1-3-char chunk (streamed baseline)',
      value: streamedBaseMBs,
      unit: 'MB/s',
      details: { ...details, chunks: chunksTiny.length, runs: streamedBase.runs },
    });
    const last = rows.find((r) => r.name === 'deepseek-r1 streamed, 1-3-char chunks');
    if (last) {
      rows.push({
        name: 'deepseek-r1 1-3-char chunks vs streamed baseline',
        value: last.value,
        unit: 'MB/s',
        baseline: 'indexOf per 1-3-char chunk (streamed baseline)',
        ratio: last.value / streamedBaseMBs,
      });
    }
    return rows;
  },
};

export default suite;
