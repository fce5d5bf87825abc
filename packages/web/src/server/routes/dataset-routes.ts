import path from 'node:path';
import { type DatasetSnapshot, SampleFilterSchema, TrainingStrategySchema } from '@distillery/core';
import {
  checkSplitRatios,
  createDataset,
  DEFAULT_SPLIT_RATIOS,
  datasetStats,
  EXPORT_FORMATS,
  exportDataset,
  findDataset,
  formatFilterExpression,
  getExportFormat,
  listDatasets,
  parseSplitRatios,
  type Session,
  splitSizes,
} from '@distillery/runtime';
import type {
  DatasetCheckView,
  DatasetDetailView,
  DatasetPlanView,
  DatasetSummaryView,
  ExportFormatView,
} from '../../shared/api-types';
import { HttpError } from '../http-error';
import type { Route } from '../route';
import { exportsDir } from './export-routes';
import { bodyFields } from './read-body-fields';
import { sampleSelectionFromQuery } from './sample-selection-from-query';

/** The first fine-tune backend that trains on an export format checks it, with its own rules. */
function checkBackendFor(session: Session, format: string): string | null {
  const trainer = session.plugins.list('fine-tune-backend').find((r) => r.manifest.formats?.includes(format));
  return trainer?.id ?? null;
}

function summary(dataset: DatasetSnapshot): DatasetSummaryView {
  return {
    id: dataset.id,
    name: dataset.name,
    taskId: dataset.taskId,
    filter: dataset.filter,
    filterExpression: formatFilterExpression(dataset.filter),
    seed: dataset.seed,
    splitRatios: dataset.splitRatios,
    splitSizes: Object.fromEntries(Object.entries(dataset.splits).map(([name, ids]) => [name, ids.length])),
    createdAt: dataset.createdAt,
  };
}

function sizesByName(ratios: Record<string, number>, total: number): Record<string, number> {
  const names = Object.keys(ratios);
  const sizes = splitSizes(
    total,
    names.map((n) => ratios[n]!),
  );
  return Object.fromEntries(names.map((name, i) => [name, sizes[i]!]));
}

/**
 * Datasets: frozen snapshots (`createDataset`, `listDatasets`, `datasetStats`), a live plan for
 * the filters and split sizes being chosen, and an export of one split with the provider's
 * checks (`exportDataset`, then `checkFile` in strict mode, as training does).
 */
export const datasetRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/datasets',
    async handler({ ctx }): Promise<DatasetSummaryView[]> {
      return (await listDatasets(ctx.store)).map(summary).reverse();
    },
  },
  {
    method: 'GET',
    path: '/api/datasets/formats',
    handler({ ctx }): ExportFormatView[] {
      return EXPORT_FORMATS.map((id) => ({
        id,
        description: getExportFormat(id).description,
        checkBackend: checkBackendFor(ctx.session, id),
      }));
    },
  },
  {
    method: 'GET',
    path: '/api/datasets/plan',
    async handler({ ctx, query }): Promise<DatasetPlanView> {
      const selection = sampleSelectionFromQuery(query);
      const ratios = query.get('split')
        ? parseSplitRatios(query.get('split')!, 'split')
        : { ...DEFAULT_SPLIT_RATIOS };
      checkSplitRatios(ratios);
      const facets = await ctx.store.facets(selection);
      const highRated = (facets.ratings['4'] ?? 0) + (facets.ratings['5'] ?? 0);
      const warnings: string[] = [];
      if (facets.total > 0 && facets.withoutReasoning > 0) {
        warnings.push(
          `${facets.withoutReasoning} of ${facets.total} samples have no reasoning: exporting them with the reasoning strategy fails, naming them. Filter on "with reasoning" to train a model that thinks.`,
        );
      }
      const sizes = sizesByName(ratios, facets.total);
      for (const [name, size] of Object.entries(sizes)) {
        if (facets.total > 0 && size === 0 && ratios[name]! > 0)
          warnings.push(`Split "${name}" would be empty.`);
      }
      return {
        facets,
        highRated,
        splitSizes: sizes,
        filterExpression: formatFilterExpression(selection.filter ?? {}),
        warnings,
      };
    },
  },
  {
    method: 'POST',
    path: '/api/datasets',
    async handler({ ctx, body }): Promise<DatasetSummaryView> {
      const f = bodyFields(await body());
      const filter = SampleFilterSchema.safeParse(f.object('filter') ?? {});
      if (!filter.success) throw new HttpError(400, `Invalid filter: ${filter.error.issues[0]!.message}.`);
      const split = f.object('split') as Record<string, number> | undefined;
      const seed = f.number('seed', { integer: true, min: 0 });
      const dataset = await createDataset(ctx.session, ctx.store, {
        taskId: f.requiredString('taskId'),
        name: f.requiredString('name').trim(),
        filter: filter.data,
        ...(split ? { split } : {}),
        ...(seed !== undefined ? { seed } : {}),
      });
      return summary(dataset);
    },
  },
  {
    method: 'GET',
    path: '/api/datasets/:id',
    async handler({ ctx, params, signal }): Promise<DatasetDetailView> {
      const dataset = await findDataset(ctx.store, params.id!);
      return { dataset: summary(dataset), stats: await datasetStats(ctx.store, dataset, { signal }) };
    },
  },
  {
    method: 'POST',
    path: '/api/datasets/:id/check',
    async handler({ ctx, params, body, signal }): Promise<DatasetCheckView> {
      const f = bodyFields(await body());
      const dataset = await findDataset(ctx.store, params.id!);
      const split = f.string('split') ?? 'train';
      const strategy = TrainingStrategySchema.safeParse(f.requiredString('strategy'));
      if (!strategy.success) throw new HttpError(400, 'strategy must be final-only or reasoning.');
      const format = f.requiredString('format');
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new HttpError(400, `format must be one of ${EXPORT_FORMATS.join(', ')}.`);
      }
      const model = f.string('model');
      const out = path.join(
        exportsDir(ctx.session),
        `${dataset.name}.${split}.${strategy.data}.${format}.jsonl`,
      );
      const exported = await exportDataset(ctx.session, ctx.store, {
        dataset,
        split,
        strategy: strategy.data,
        format: format as (typeof EXPORT_FORMATS)[number],
        out,
      });
      const backendId = checkBackendFor(ctx.session, format);
      const report = backendId
        ? await (await ctx.session.plugins.backend(backendId)).check(exported.file, {
            strict: true,
            expectReasoning: strategy.data === 'reasoning',
            ...(model ? { model } : {}),
            signal,
            maxFindings: 200,
          })
        : null;
      return {
        export: {
          file: exported.file,
          split: exported.split,
          strategy: exported.strategy,
          format: exported.format,
          examples: exported.examples,
          samples: exported.samples,
          skipped: exported.skipped,
          truncatedReasoning: exported.truncatedReasoning,
          bytes: exported.bytes,
          flow: exported.flow,
          ...(exported.parser ? { parser: exported.parser } : {}),
        },
        report: report ? { backend: backendId!, ...report } : null,
      };
    },
  },
];
