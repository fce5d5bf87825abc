import { UserError } from '@distillery/core';
import type { SampleStore } from '../store/sample-store';
import type { GenerationTarget } from './generation-target';
import { parseStringList } from './parse-string-list';
import { runPool } from './run-pool';
import { type RunTargetOptions, runTarget, type TargetOutput } from './run-target';
import { inputsPrompt, TOPIC_SYSTEM_PROMPT, topicsPrompt } from './topic-prompts';
import { TOPIC_TREE_KIND, type TopicTree, TopicTreeSchema, topicLeaves, topicTreeId } from './topic-tree';

export interface TopicTreeSpec {
  topics: number;
  subtopics: number;
  perTopic: number;
  guidance?: string | undefined;
}

export interface BuildTopicTreeContext {
  store: SampleStore;
  /** The run config that writes the tree (the caller swaps a chain-of-thought flow for single-turn). */
  target: GenerationTarget;
  call: Omit<RunTargetOptions, 'onAttempt'>;
  concurrency: number;
  /** Told about every paid call (usage and cost). */
  onCall: (output: TargetOutput) => void;
  /** Checked before each call (budget, interruption). */
  shouldStop: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes (or finishes) a topic tree like Kiln's generator: `topics` topics, optionally
 * `subtopics` under each, then `perTopic` inputs per leaf. The tree is a store record saved after
 * every call, so a resumed run reuses every part already paid for. Returns the tree, complete
 * unless `shouldStop` cut it short.
 */
export async function buildTopicTree(ctx: BuildTopicTreeContext, spec: TopicTreeSpec): Promise<TopicTree> {
  const { task, runConfig } = ctx.target;
  const id = topicTreeId(task.id, runConfig.name, spec);
  const stored = await ctx.store.getRecord(TOPIC_TREE_KIND, id, TopicTreeSchema);
  const tree: TopicTree = stored?.value ?? {
    id,
    taskId: task.id,
    runConfig: runConfig.name,
    ...spec,
    ...(spec.guidance ? { guidance: spec.guidance } : {}),
    root: null,
    children: {},
    inputs: {},
    calls: 0,
    costUsd: 0,
  };
  const flowTarget: GenerationTarget = {
    ...ctx.target,
    prompt: { system: TOPIC_SYSTEM_PROMPT },
    outputSchema: undefined,
    parameters: { ...ctx.target.parameters, structuredOutputMode: undefined },
  };
  const ask = async (prompt: string, count: number, what: string): Promise<string[]> => {
    const output = await runTarget(flowTarget, prompt, ctx.call);
    ctx.onCall(output);
    tree.calls++;
    tree.costUsd = tree.costUsd === null || output.costUsd === null ? null : tree.costUsd + output.costUsd;
    const list = parseStringList(output.content, count);
    if (list.length === 0) {
      throw new UserError(`The model wrote no ${what} (its answer was not a list).`, {
        advice: `Use a stronger model for the topic tree, or give inputs from a file (--inputs). Answer: ${output.content.slice(0, 200)}`,
      });
    }
    return list;
  };
  const save = () => ctx.store.putRecord(TOPIC_TREE_KIND, id, tree);
  const total = () => 1 + (spec.subtopics > 0 ? spec.topics : 0) + spec.topics * Math.max(1, spec.subtopics);
  const done = () =>
    (tree.root ? 1 : 0) + Object.keys(tree.children).length + Object.keys(tree.inputs).length;
  const progress = () => ctx.onProgress?.(done(), total());

  progress();
  if (!tree.root) {
    if (ctx.shouldStop()) return tree;
    tree.root = await ask(topicsPrompt(task, spec.topics, [], spec.guidance), spec.topics, 'topics');
    await save();
    progress();
  }
  if (spec.subtopics > 0) {
    const missing = tree.root.filter((topic) => !tree.children[topic]);
    await runPool(
      missing,
      ctx.concurrency,
      async (topic) => {
        tree.children[topic] = await ask(
          topicsPrompt(task, spec.subtopics, [topic], spec.guidance),
          spec.subtopics,
          'subtopics',
        );
        await save();
        progress();
      },
      ctx.shouldStop,
    );
  }
  const leaves = topicLeaves(tree);
  if (!leaves) return tree;
  await runPool(
    leaves.filter((leaf) => !tree.inputs[leaf.join(' > ')]),
    ctx.concurrency,
    async (leaf) => {
      tree.inputs[leaf.join(' > ')] = await ask(
        inputsPrompt(task, spec.perTopic, leaf, spec.guidance),
        spec.perTopic,
        'inputs',
      );
      await save();
      progress();
    },
    ctx.shouldStop,
  );
  return tree;
}

/** True when every leaf of the tree has its inputs. */
export function isTopicTreeComplete(tree: TopicTree): boolean {
  const leaves = topicLeaves(tree);
  return leaves?.every((leaf) => tree.inputs[leaf.join(' > ')] !== undefined) ?? false;
}
