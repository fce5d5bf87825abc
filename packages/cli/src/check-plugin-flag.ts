import { type PluginKind, pluginKindSpec, UserError } from '@distillery/core/contracts';
import type { Session } from '@distillery/runtime';
import { suggestSimilar } from './suggest-similar';

/**
 * Refuses a flag that names a plugin no manifest declares (`--parser nope`, `--backend nope`) as a
 * usage error (exit 2), listing the known ids and the closest one. Reads manifests only, so it
 * costs no import.
 */
export function checkPluginFlag(
  plugins: Session['plugins'],
  kind: PluginKind,
  id: string,
  flag: string,
  extra: readonly string[] = [],
): void {
  if (extra.includes(id) || plugins.record(kind, id)) return;
  const { label } = pluginKindSpec(kind);
  const known = [...extra, ...plugins.list(kind).map((r) => r.id)];
  const suggestion = suggestSimilar(id, known);
  throw new UserError(
    `${flag} ${id}: unknown ${label}${suggestion ? `; did you mean ${flag} ${suggestion}?` : '.'}`,
    {
      exitCode: 2,
      advice: known.length
        ? `Known ${label}s: ${known.join(', ')}. Add a plugin package to \`plugins\` in distill.config.ts for others.`
        : `No ${label} is loaded; add one to \`plugins\` in distill.config.ts.`,
    },
  );
}
