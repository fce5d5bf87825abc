import type { ReasoningParserPlugin } from '@distillery/core';
import gptOss from '@distillery/parser-harmony';
import markerParsers, { type MarkerParserPlugin } from '@distillery/parser-markers';
import { indexOfStreamed } from './index-of-streamed.ts';
import { measure, megabytesPerSecond } from './measure.ts';
import { chunkText, r1Corpus } from './r1-corpus.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const SIZE = 1e6; // UTF-16 code units per family

interface FamilyText {
  plugin: ReasoningParserPlugin;
  text: string;
  /** What separates reasoning from answer in `text`: the baseline searches for it. */
  separator: string;
  reasoning: string;
  answer: string;
}

const first = (value: string | readonly string[]) => (typeof value === 'string' ? value : value[0]) as string;

/** The R1 corpus rewritten in each family's own format. */
function familyTexts(): FamilyText[] {
  const corpus = r1Corpus(SIZE);
  const cut = corpus.indexOf('</think>');
  const reasoning = corpus.slice(0, cut);
  const answer = corpus.slice(cut + '</think>'.length);
  const texts = (markerParsers as readonly MarkerParserPlugin[]).map((plugin): FamilyText => {
    const start = plugin.spec.initial === 'reasoning' ? '' : first(plugin.spec.start);
    const separator = first(plugin.spec.end);
    return { plugin, text: `${start}${reasoning}${separator}${answer}`, separator, reasoning, answer };
  });
  const harmonySeparator = '<|end|><|start|>assistant<|channel|>final<|message|>';
  texts.push({
    plugin: gptOss,
    text: `<|channel|>analysis<|message|>${reasoning}${harmonySeparator}${answer}`,
    separator: harmonySeparator,
    reasoning,
    answer,
  });
  return texts;
}

/** The least any splitter must do on whole text: find the separator once and slice around it. */
function indexOfSplit(text: string, separator: string): number {
  const i = text.indexOf(separator);
  return i < 0 ? text.length : text.slice(0, i).length + text.slice(i + separator.length).length;
}

function parse(plugin: ReasoningParserPlugin, chunks: readonly string[]): number {
  const parser = plugin.create();
  let length = 0;
  for (const chunk of chunks) {
    for (const event of parser.push(chunk))
      if (event.type === 'reasoning-delta' || event.type === 'content-delta') length += event.text.length;
  }
  for (const event of parser.finish())
    if (event.type === 'reasoning-delta' || event.type === 'content-delta') length += event.text.length;
  return length;
}

function check(family: FamilyText, chunks: readonly string[]): void {
  const parser = family.plugin.create();
  let reasoning = '';
  let content = '';
  for (const event of [...chunks.flatMap((c) => parser.push(c)), ...parser.finish()]) {
    if (event.type === 'reasoning-delta') reasoning += event.text;
    else if (event.type === 'content-delta') content += event.text;
  }
  if (reasoning !== family.reasoning || content !== family.answer) {
    throw new Error(
      `${family.plugin.id}: the parser does not split the bench text into its reasoning and answer`,
    );
  }
}

/**
 * Every reasoning family, in its own format, against the two least possible splitters in the same
 * run: whole text against one `indexOf` + slices, and 1-3-character streaming against a per-chunk
 * `indexOf` over the chunk plus the separator's length less one.
 */
const suite: BenchSuite = {
  name: 'parser-families',
  async run() {
    const rows: BenchResult[] = [];
    for (const family of familyTexts()) {
      const id = family.plugin.id;
      const tiny = chunkText(family.text, 1, 3);
      check(family, [family.text]);
      check(family, tiny);
      if (indexOfStreamed(tiny, family.separator) !== family.text.indexOf(family.separator)) {
        throw new Error(`${id}: the streamed baseline is wrong`);
      }
      const details = { chars: family.text.length };
      const base = measure(() => indexOfSplit(family.text, family.separator), {
        minRuns: 20,
        minTimeMs: 300,
      });
      const baseMBs = megabytesPerSecond(family.text.length, base.medianMs);
      const whole = measure(() => parse(family.plugin, [family.text]), { minTimeMs: 300 });
      const wholeMBs = megabytesPerSecond(family.text.length, whole.medianMs);
      rows.push({
        name: `${id} whole text`,
        value: wholeMBs,
        unit: 'MB/s',
        baseline: `${id} indexOf + slice`,
        ratio: wholeMBs / baseMBs,
        details: { ...details, baselineMBs: Number(baseMBs.toFixed(1)), runs: whole.runs },
      });
      const streamBase = measure(() => indexOfStreamed(tiny, family.separator), { minTimeMs: 300 });
      const streamBaseMBs = megabytesPerSecond(family.text.length, streamBase.medianMs);
      const streamed = measure(() => parse(family.plugin, tiny), { minTimeMs: 300 });
      const streamedMBs = megabytesPerSecond(family.text.length, streamed.medianMs);
      rows.push({
        name: `${id} 1-3-char chunks`,
        value: streamedMBs,
        unit: 'MB/s',
        baseline: `${id} indexOf per chunk`,
        ratio: streamedMBs / streamBaseMBs,
        details: {
          ...details,
          chunks: tiny.length,
          baselineMBs: Number(streamBaseMBs.toFixed(1)),
          runs: streamed.runs,
        },
      });
    }
    return rows;
  },
};

export default suite;
