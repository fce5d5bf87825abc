import { type CheckReport, InputError } from '@distillery/core/contracts';

/** How many findings an error message lists before it only counts the rest. */
const LISTED = 5;

/**
 * Throws an InputError naming the file, the backend and the first findings when a check failed;
 * does nothing when it passed. Upload paths call it so a bad file is never sent (nor paid for).
 */
export function assertCheckPassed(report: CheckReport, path: string, backend: string): void {
  if (report.ok) return;
  const shown = report.errors.slice(0, LISTED).map((f) => {
    const where = f.line > 0 ? `line ${f.line}` : 'file';
    return `${where}: [${f.code}] ${f.message.split('\n')[0]}`;
  });
  const more = report.errors.length > LISTED ? `; and ${report.errors.length - LISTED} more` : '';
  const first = report.errors[0];
  throw new InputError(
    `${path} fails ${backend}'s checks, so it was not uploaded (${report.errors.length} error${report.errors.length === 1 ? '' : 's'}): ${shown.join('; ')}${more}.`,
    {
      advice: `Fix the file (run \`distill check ${path}\` for the full report) and upload it again.`,
      ...(first && first.line > 0 ? { location: `${path}:${first.line}` } : {}),
    },
  );
}
