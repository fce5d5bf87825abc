import type { DatasetSnapshot } from '@distillery/core';
import { type DatasetStats, formatFilterExpression } from '@distillery/runtime';
import type { Style } from './style';

/** What `distill dataset` prints per dataset with --json (split ids only under `show`). */
export interface DatasetSummary {
  id: string;
  name: string;
  taskId: string;
  filter: DatasetSnapshot['filter'];
  /** The filter in the `--filter` language; '' for all samples. */
  filterExpression: string;
  seed: number;
  splitRatios: Record<string, number>;
  createdAt: string;
  counts: DatasetStats;
}

export function datasetSummary(dataset: DatasetSnapshot, counts: DatasetStats): DatasetSummary {
  return {
    id: dataset.id,
    name: dataset.name,
    taskId: dataset.taskId,
    filter: dataset.filter,
    filterExpression: formatFilterExpression(dataset.filter),
    seed: dataset.seed,
    splitRatios: dataset.splitRatios,
    createdAt: dataset.createdAt,
    counts,
  };
}

/** Aligned columns: `align` per column ('l' or 'r'); default the first left and numbers right. */
export function table(rows: readonly (readonly string[])[], align?: string): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const left = (c: number) => (align ? align[c] === 'l' : c === 0);
  return rows.map((row) =>
    row
      .map((cell, c) => (left(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The human-readable description of one dataset, as `show` and `create` print it. */
export function describeDataset(summary: DatasetSummary, style: Style): string {
  const { counts } = summary;
  const lines = [
    `${style.bold(`Dataset ${summary.name}`)} ${style.dim(`(${summary.id})`)}`,
    `  task     ${summary.taskId}`,
    `  filter   ${summary.filterExpression || style.dim('all samples')}`,
    `  seed     ${summary.seed}`,
    `  created  ${summary.createdAt}`,
    '',
    ...table([
      ['  split', 'samples', 'with reasoning', 'rated 4+', 'ratio'],
      ...Object.entries(counts.splits).map(([name, s]) => [
        `  ${name}`,
        String(s.total),
        String(s.withReasoning),
        String(s.highRated),
        String(summary.splitRatios[name] ?? ''),
      ]),
      ['  total', String(counts.total), String(counts.withReasoning), String(counts.highRated), ''],
    ]),
  ];
  const tags = Object.entries(counts.tags);
  lines.push(
    '',
    `  tags     ${tags.length ? tags.map(([tag, n]) => `${tag} ${n}`).join(', ') : style.dim('none')}`,
  );
  if (counts.missing > 0) {
    lines.push(
      `${style.yellow('note:')} ${counts.missing} sample${counts.missing === 1 ? ' was' : 's were'} deleted since the snapshot was made.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
