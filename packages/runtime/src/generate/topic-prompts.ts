import type { Task } from '@distillery/core';

/** The system prompt of every topic-tree call: the model helps build data, it does not do the task. */
export const TOPIC_SYSTEM_PROMPT =
  'You help build a training set for an AI task. You write topics and example inputs for the task; you never solve it. ' +
  'Reply with a JSON array of strings and nothing else.';

function taskBlock(task: Task): string {
  const schema = task.inputSchema
    ? `\n\nInputs must match this JSON schema:\n${JSON.stringify(task.inputSchema)}`
    : '';
  return `The task:\n<task>\n${task.instruction}\n</task>${schema}`;
}

/** Asks for `count` topics (or subtopics of `path`), like Kiln's category generator. */
export function topicsPrompt(task: Task, count: number, path: readonly string[], guidance?: string): string {
  const where =
    path.length === 0
      ? `List ${count} diverse topics that inputs to this task could be about.`
      : `List ${count} diverse subtopics of the topic path "${path.join(' > ')}" that inputs to this task could be about.`;
  return [
    taskBlock(task),
    where,
    'Cover different areas and difficulties; keep each topic short (a few words) and distinct from the others.',
    ...(guidance ? [`<additional_instructions>\n${guidance}\n</additional_instructions>`] : []),
    `Reply with a JSON array of ${count} strings.`,
  ].join('\n\n');
}

/** Asks for `count` inputs about one topic path, like Kiln's sample generator. */
export function inputsPrompt(task: Task, count: number, path: readonly string[], guidance?: string): string {
  return [
    taskBlock(task),
    `Write ${count} diverse, realistic inputs for this task about the topic "${path.join(' > ')}".`,
    'Each input is exactly what a user would send to the task: complete and self-contained, without its answer.',
    ...(guidance ? [`<additional_instructions>\n${guidance}\n</additional_instructions>`] : []),
    `Reply with a JSON array of ${count} strings.`,
  ].join('\n\n');
}
