import type { DistilleryPlugin } from '../contracts/plugin';

/** Identity helper that type-checks a plugin object. */
export function definePlugin<const P extends DistilleryPlugin>(plugin: P): P {
  return plugin;
}
