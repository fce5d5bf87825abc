import { UserError } from '@distillery/core';
import type { GenerationSummary } from '@distillery/runtime';

/**
 * Why a finished generation (direct or through batches) did not do all it was asked, as the error
 * the command ends with: stopped at the budget, or inputs that failed. Undefined when it did.
 */
export function generationShortfall(summary: GenerationSummary): UserError | undefined {
  if (summary.stopReason === 'budget') {
    return new UserError(
      `Stopped short at the --max-cost budget: ${summary.totalGenerated} sample(s) stored${summary.count !== null ? ` of ${summary.count}` : ''}.`,
      {
        exitCode: 1,
        advice: 'Raise --max-cost and run the same command again to continue; completed samples are kept.',
      },
    );
  }
  // Exit 0 only when every input was answered: failures are reported above and end the run with 1.
  if (summary.failed > 0 || summary.stopReason === 'too-many-failures') {
    const failed = summary.failed === 1 ? '1 input' : `${summary.failed} inputs`;
    return new UserError(
      summary.stopReason === 'too-many-failures'
        ? `Stopped after too many failures in a row (${failed} failed); ${summary.generated} samples were stored.`
        : `${failed} failed; the ${summary.generated} other samples were stored.`,
      {
        exitCode: 1,
        advice: `Fix the cause above, then run \`distill generate --task ${summary.taskId} --retry-failed\`.`,
      },
    );
  }
  return undefined;
}
