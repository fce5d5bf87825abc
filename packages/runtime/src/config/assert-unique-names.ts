import type { DistilleryConfig } from '@distillery/core';
import { ConfigError } from '@distillery/core/contracts';
import { locateKey } from './locate-key';

/**
 * Task ids, and run-config names within a task, must be unique: a second `qa` task would be
 * silently unreachable. Throws a ConfigError naming both places.
 */
export function assertUniqueNames(config: DistilleryConfig, source: string, file: string): void {
  const at = (path: (string | number)[]) => {
    const line = locateKey(source, path);
    return line ? `${file}:${line}` : file;
  };
  const fail = (what: string, first: (string | number)[], second: (string | number)[], advice: string) => {
    const here = at(second);
    throw new ConfigError(`${what} is defined twice: at ${at(first)} and at ${here}.`, {
      file,
      location: here,
      advice,
    });
  };
  const tasks = new Map<string, number>();
  config.tasks.forEach((task, t) => {
    const earlier = tasks.get(task.id);
    if (earlier !== undefined) {
      fail(
        `Task id "${task.id}"`,
        ['tasks', earlier, 'id'],
        ['tasks', t, 'id'],
        'Give each task its own id.',
      );
    }
    tasks.set(task.id, t);
    const names = new Map<string, number>();
    task.runConfigs.forEach((runConfig, r) => {
      const before = names.get(runConfig.name);
      if (before !== undefined) {
        fail(
          `Run config "${runConfig.name}" of task "${task.id}"`,
          ['tasks', t, 'runConfigs', before, 'name'],
          ['tasks', t, 'runConfigs', r, 'name'],
          'Give each run config of a task its own name.',
        );
      }
      names.set(runConfig.name, r);
    });
  });
}
