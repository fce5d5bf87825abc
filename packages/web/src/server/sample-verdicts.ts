import type { Sample, ScorerV1, SingleScorerV1 } from '@distillery/core';
import { normalizedScoreV1 } from '@distillery/core';
import {
  type EvalRunRecord,
  listStoredEvals,
  readStoredEvalReport,
  type SampleStore,
} from '@distillery/runtime';
import type { SampleVerdictView } from '../shared/api-types';
import type { WebContext } from './web-context';

/** What the stored evals know about one task input: its reference, the scorer, and answers already scored. */
interface ReferenceEntry {
  evalId: string;
  scorer: { id: string; options: Record<string, unknown> };
  /** The eval item's id: a sample of a frozen split is the reference itself, never marked. */
  itemId: string;
  reference: string;
  /** Answers the eval scored (by their text), with their score on 0..1. */
  scored: Map<string, number>;
}

interface ReferenceIndex {
  signature: string;
  /** By task id and input. */
  entries: Map<string, ReferenceEntry>;
}

const indexes = new WeakMap<SampleStore, ReferenceIndex>();

const keyOf = (taskId: string, input: string) => `${taskId}\u0000${input}`;

function markOf(score: number): SampleVerdictView['mark'] {
  return score >= 1 ? 'right' : score <= 0 ? 'wrong' : 'partial';
}

/** The newest eval of each input wins; rebuilt only when an eval record changes. */
async function referenceIndex(store: SampleStore): Promise<ReferenceIndex> {
  const evals = (await listStoredEvals(store)).filter((e: EvalRunRecord) => e.status !== 'running');
  const signature = evals.map((e) => `${e.id}@${e.updatedAt ?? e.createdAt}`).join(',');
  const cached = indexes.get(store);
  if (cached?.signature === signature) return cached;
  const entries = new Map<string, ReferenceEntry>();
  for (const record of evals) {
    const report = await readStoredEvalReport(store, record.id);
    if (report?.scorer.mode !== 'single') continue;
    for (const row of report.perItem) {
      const key = keyOf(report.taskId, row.input);
      if (row.reference === null || entries.has(key)) continue;
      const scored = new Map<string, number>();
      for (const answer of Object.values(row.answers)) {
        if (answer && answer.score !== null) scored.set(answer.content, answer.score);
      }
      entries.set(key, {
        evalId: report.evalId,
        scorer: { id: report.scorer.id, options: report.scorer.options },
        itemId: row.id,
        reference: row.reference,
        scored,
      });
    }
  }
  const index = { signature, entries };
  indexes.set(store, index);
  return index;
}

function isFreeSingleScorer(scorer: ScorerV1): scorer is SingleScorerV1 {
  return scorer.mode === 'single' && !scorer.usesModel;
}

/**
 * Right/wrong marks for samples, where an eval applies: the newest stored eval with an item of
 * the same task and input gives the reference and the scorer. An answer that eval scored keeps
 * its stored score; any other answer is scored now by the same scorer and options, unless the
 * scorer calls a model (a list view never pays for a judge). Samples without such an item, and
 * the items themselves (their answer is the reference), get no mark.
 */
export async function sampleVerdicts(
  ctx: Pick<WebContext, 'session' | 'store'>,
  samples: readonly Sample[],
): Promise<Map<string, SampleVerdictView>> {
  const verdicts = new Map<string, SampleVerdictView>();
  if (samples.length === 0) return verdicts;
  const index = await referenceIndex(ctx.store);
  if (index.entries.size === 0) return verdicts;
  const scorers = new Map<string, ScorerV1 | null>();
  for (const sample of samples) {
    const entry = index.entries.get(keyOf(sample.taskId, sample.input));
    if (!entry || entry.itemId === sample.id) continue;
    const stored = entry.scored.get(sample.output.content);
    if (stored !== undefined) {
      verdicts.set(sample.id, {
        mark: markOf(stored),
        score: stored,
        scorer: entry.scorer.id,
        evalId: entry.evalId,
        scoredBy: 'eval',
      });
      continue;
    }
    if (!scorers.has(entry.scorer.id)) {
      scorers.set(entry.scorer.id, await ctx.session.plugins.scorer(entry.scorer.id).catch(() => null));
    }
    const scorer = scorers.get(entry.scorer.id);
    if (!scorer || !isFreeSingleScorer(scorer)) continue;
    const result = await scorer
      .score(
        { id: sample.id, input: sample.input, reference: { content: entry.reference } },
        {
          content: sample.output.content,
          ...(sample.output.structured !== undefined ? { structured: sample.output.structured } : {}),
          reasoning: sample.reasoning?.text ?? null,
          reasoningTruncated: sample.reasoning?.truncated ?? false,
          finishReason: 'stop',
          usage: sample.usage ?? { inputTokens: 0, outputTokens: 0 },
        },
        { options: entry.scorer.options },
      )
      // A scorer that cannot read this answer leaves it unmarked; the list still loads.
      .catch(() => undefined);
    if (!result?.score) continue;
    const score = normalizedScoreV1(result.score);
    verdicts.set(sample.id, {
      mark: markOf(score),
      score,
      scorer: entry.scorer.id,
      evalId: entry.evalId,
      scoredBy: 'scorer',
    });
  }
  return verdicts;
}
