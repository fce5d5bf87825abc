import { createHash } from 'node:crypto';
import { z } from 'zod';
import { stableJson } from '../store/stable-json';

/** Record kind of a topic tree: stored after every model call so a resumed run pays for none twice. */
export const TOPIC_TREE_KIND = 'topic-tree';

export const TopicTreeSchema = z.object({
  id: z.string(),
  taskId: z.string(),
  runConfig: z.string(),
  topics: z.number().int().positive(),
  subtopics: z.number().int().nonnegative(),
  perTopic: z.number().int().positive(),
  guidance: z.string().optional(),
  /** The top-level topics, once written. */
  root: z.array(z.string()).nullable(),
  /** Subtopics per topic. */
  children: z.record(z.string(), z.array(z.string())),
  /** Inputs per leaf, keyed by the leaf path joined with " > ". */
  inputs: z.record(z.string(), z.array(z.string())),
  calls: z.number().int().nonnegative(),
  costUsd: z.number().nullable(),
});
export type TopicTree = z.infer<typeof TopicTreeSchema>;

export function topicTreeId(
  taskId: string,
  runConfig: string,
  spec: { topics: number; subtopics: number; perTopic: number; guidance?: string | undefined },
): string {
  return createHash('sha256')
    .update(stableJson({ taskId, runConfig, ...spec }))
    .digest('hex')
    .slice(0, 12);
}

/** The leaf paths of a tree in order: topic, or topic > subtopic. Undefined while incomplete. */
export function topicLeaves(tree: TopicTree): string[][] | undefined {
  if (!tree.root) return undefined;
  if (tree.subtopics === 0) return tree.root.map((topic) => [topic]);
  const leaves: string[][] = [];
  for (const topic of tree.root) {
    const children = tree.children[topic];
    if (!children) return undefined;
    for (const child of children) leaves.push([topic, child]);
  }
  return leaves;
}

/** Every input of a finished tree, leaf by leaf. */
export function topicTreeInputs(tree: TopicTree): string[] {
  return (topicLeaves(tree) ?? []).flatMap((leaf) => tree.inputs[leaf.join(' > ')] ?? []);
}
