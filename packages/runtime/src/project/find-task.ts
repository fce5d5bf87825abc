import { InputError, type Task } from '@distillery/core';
import type { Session } from '../session';

/** A task declared in the config, or an error listing the ones that are. */
export function findTask(session: Session, id: string): Task {
  const tasks = session.config.config.tasks;
  const task = tasks.find((t) => t.id === id);
  if (task) return task;
  const where = session.config.file ?? 'distill.config.ts (none found)';
  throw new InputError(`Unknown task "${id}".`, {
    location: where,
    advice: tasks.length
      ? `Tasks in the config: ${tasks.map((t) => t.id).join(', ')}.`
      : 'Declare the task under `tasks` in distill.config.ts (`distill init --example gsm8k` shows one).',
  });
}
