import { listStoredEvals, readStoredEvalReport, renderEvalCharts } from '@distillery/runtime';
import type { EvalDetailView, EvalSummaryView } from '../../shared/api-types';
import { HttpError } from '../http-error';
import type { Route } from '../route';

/**
 * Evals, read-only: the evals `distill eval` stored in the project, and one eval's report (every
 * figure `--json` prints) with its charts drawn by the same code as the HTML report.
 */
export const evalRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/evals',
    async handler({ ctx, query }): Promise<EvalSummaryView[]> {
      const task = query.get('task');
      return listStoredEvals(ctx.store, task ?? undefined);
    },
  },
  {
    method: 'GET',
    path: '/api/evals/:id',
    async handler({ ctx, params }): Promise<EvalDetailView> {
      const report = await readStoredEvalReport(ctx.store, params.id!);
      if (!report) {
        throw new HttpError(404, `No finished run of eval ${params.id} is stored.`, {
          advice: 'Run `distill eval` (it stores its report when it ends), then open the eval again.',
        });
      }
      return { report, charts: renderEvalCharts(report) };
    },
  },
];
